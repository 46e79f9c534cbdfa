package dev.qwen3vl.demo.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaStoreTest {

    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path temp;

    @Test
    void should_accept_only_ids_that_name_a_file_in_the_media_folder() {
        MediaStore store = new MediaStore(temp);

        assertThat(MediaStore.isValidId(SHA + ".png")).isTrue();
        assertThat(MediaStore.isValidId(SHA + "-p12-thumb.png")).isTrue();
        assertThat(MediaStore.isValidId(SHA + ".mp4")).isTrue();
        assertThat(MediaStore.isValidId("../" + SHA + ".png")).isFalse();
        assertThat(MediaStore.isValidId(SHA + ".png/../../x.png")).isFalse();
        assertThat(MediaStore.isValidId(SHA + ".exe")).isFalse();
        assertThat(MediaStore.isValidId("abc.png")).isFalse();
        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.find(SHA + ".png")).isEmpty();
        assertThatThrownBy(() -> store.path("x/../y.png")).hasMessage("Invalid media id 'x/../y.png'");
    }

    @Test
    void should_write_media_and_find_them_again() {
        MediaStore store = new MediaStore(temp);

        Path written = store.put(SHA + "-thumb.png", new byte[] {1, 2, 3});

        assertThat(written).hasBinaryContent(new byte[] {1, 2, 3}).hasParent(temp.resolve("media").toAbsolutePath());
        assertThat(store.find(SHA + "-thumb.png")).contains(written);
        assertThat(MediaStore.contentType(SHA + "-thumb.png")).isEqualTo("image/png");
        assertThat(MediaStore.contentType(SHA + ".mov")).isEqualTo("video/quicktime");
    }

    @Test
    void should_delete_the_media_and_the_upload_of_one_document_only() throws IOException {
        MediaStore store = new MediaStore(temp);
        String other = "cd".repeat(32);
        store.put(SHA + "-p1.png", new byte[] {1});
        store.put(SHA + "-p1-thumb.png", new byte[] {2});
        store.put(other + ".png", new byte[] {3});
        Path upload = store.storeUpload(SHA, "guide.pdf", Files.write(temp.resolve("guide.pdf"), new byte[] {4}));

        assertThat(store.deleteDocument(SHA)).isEqualTo(3);

        assertThat(store.find(SHA + "-p1.png")).isEmpty();
        assertThat(store.find(SHA + "-p1-thumb.png")).isEmpty();
        assertThat(upload.getParent()).doesNotExist();
        assertThat(store.find(other + ".png")).isPresent();
        assertThat(store.deleteDocument(SHA)).isZero();
        assertThatThrownBy(() -> store.deleteDocument("../x")).hasMessageContaining("Not a sha256");
    }

    @Test
    void should_reduce_client_file_names_to_safe_ones() {
        assertThat(MediaStore.safeFileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(MediaStore.safeFileName("C:\\Users\\me\\Report 2024 (final).pdf"))
                .isEqualTo("Report_2024__final_.pdf");
        assertThat(MediaStore.safeFileName("..")).isEqualTo("upload__");
        assertThat(MediaStore.safeFileName(null)).isEqualTo("upload");
        assertThat(MediaStore.safeFileName("x".repeat(300) + ".md")).hasSize(120).endsWith(".md");
    }
}
