package dev.qwen3vl.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys are SHA-256 of the content: equal content, equal key; any change, another key. */
class ContentKeysTest {

    @Test
    void sha256_of_bytes_is_the_standard_digest_of_the_length_prefixed_fields() throws Exception {
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 5 + 8 + 3).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(5).put("bytes".getBytes(StandardCharsets.UTF_8)).putLong(3).put(new byte[] {1, 2, 3});
        String expected = java.util.HexFormat.of().formatHex(d.digest(b.array()));
        assertThat(ContentKeys.sha256(new byte[] {1, 2, 3})).isEqualTo(expected);
    }

    @Test
    void a_file_is_keyed_by_its_content_not_its_name(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.bin"), "same content");
        Path b = Files.writeString(dir.resolve("b.bin"), "same content");
        Path c = Files.writeString(dir.resolve("c.bin"), "same content!");
        assertThat(ContentKeys.hasher("f").addFile(a).hex()).isEqualTo(ContentKeys.hasher("f").addFile(b).hex())
                .isNotEqualTo(ContentKeys.hasher("f").addFile(c).hex());
    }

    @Test
    void floats_are_keyed_by_every_value_across_chunk_boundaries() {
        float[] values = new float[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        String key = ContentKeys.hasher("p").add(values).hex();
        float[] changed = values.clone();
        changed[values.length - 1] = -1f;
        assertThat(ContentKeys.hasher("p").add(values.clone()).hex()).isEqualTo(key);
        assertThat(ContentKeys.hasher("p").add(changed).hex()).isNotEqualTo(key);
    }

    @Test
    void field_boundaries_matter() {
        assertThat(ContentKeys.hasher("k").add("ab").add("c").hex())
                .isNotEqualTo(ContentKeys.hasher("k").add("a").add("bc").hex());
    }
}
