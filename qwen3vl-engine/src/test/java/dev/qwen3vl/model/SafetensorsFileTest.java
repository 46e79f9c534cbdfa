package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path tmp;

    @Test
    void should_read_bf16_fixture_weights_as_float32() {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.model().resolve("model.safetensors"))) {
            SafetensorsFile.TensorInfo norm = f.info("model.language_model.norm.weight");
            assertThat(norm.dtype()).isEqualTo(SafetensorsFile.DType.BF16);
            assertThat(norm.shape()).containsExactly(32);
            float[] w = f.readFloats("model.language_model.norm.weight");
            // every BF16 value is a float32 whose low 16 bits are zero
            for (float v : w) {
                assertThat(Float.floatToRawIntBits(v) & 0xffff).isZero();
            }
            assertThat(w).isNotEqualTo(new float[32]);
        }
    }

    @Test
    void should_decode_f32_f16_bf16_written_by_hand() throws IOException {
        Path file = tmp.resolve("t.safetensors");
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[8,14]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[14,18]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 18).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        b.putFloat(1.5f).putFloat(-2f);
        b.putShort((short) 0x3c00).putShort((short) 0xc100).putShort((short) 0x0001); // 1, -2.5, smallest subnormal
        b.putShort((short) 0x3f80).putShort((short) 0xc040); // 1, -3
        Files.write(file, b.array());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.readFloats("a")).containsExactly(1.5f, -2f);
            assertThat(f.readFloats("b")).containsExactly(1f, -2.5f, 0x1p-24f);
            assertThat(f.readFloats("c")).containsExactly(1f, -3f);
        }
    }

    @Test
    void should_name_the_tensor_when_the_file_is_truncated() throws IOException {
        Path file = tmp.resolve("short.safetensors");
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(file, b.array());
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tensor w")
                .hasMessageContaining("truncated");
    }

    @Test
    void should_read_a_tensor_past_two_gibibytes_of_a_sparse_file() throws IOException {
        // one BF16 tensor of 1.5 G elements (3 GiB); only its last row holds data
        long rows = 1_500_000L;
        long width = 1000;
        String header = "{\"big\":{\"dtype\":\"BF16\",\"shape\":[" + rows + "," + width + "],\"data_offsets\":[0,"
                + rows * width * 2 + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("big.safetensors");
        long dataStart = 8 + h.length;
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            raf.write(len.array());
            raf.write(h);
            raf.setLength(dataStart + rows * width * 2);
            ByteBuffer last = ByteBuffer.allocate((int) width * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < width; i++) {
                last.putShort((short) (Float.floatToIntBits(i % 128 + 0.5f) >>> 16)); // exact in BF16
            }
            raf.seek(dataStart + (rows - 1) * width * 2);
            raf.write(last.array());
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] row = new float[(int) width];
            f.readFloats("big", (rows - 1) * width, row, 0, (int) width);
            assertThat(row[0]).isEqualTo(0.5f);
            assertThat(row[999]).isEqualTo(103.5f);
            f.readFloats("big", 0, row, 0, (int) width);
            assertThat(row).containsOnly(0f);
        }
    }

    @Test
    void should_round_trip_float16() {
        for (float v : new float[] {0f, 1f, -2.5f, 65504f, 0x1p-24f, 0.1f}) {
            assertThat(Float16.toFloat(Float16.fromFloat(v))).isCloseTo(v, org.assertj.core.data.Offset.offset(Math.abs(v) * 1e-3f));
        }
        assertThat(Float16.fromFloat(1e6f)).isEqualTo((short) 0x7c00);
    }
}
