package dev.qwen3vl.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path temp;

    @Test
    void should_accept_the_fixture_model_and_report_its_weight_bytes() throws IOException {
        ModelFolder folder = ModelFolder.open(Fixtures.model());

        assertThat(folder.path()).isEqualTo(Fixtures.model().toAbsolutePath().normalize());
        assertThat(folder.isSharded()).isFalse();
        assertThat(folder.weightFiles()).containsExactly(folder.path().resolve("model.safetensors"));
        assertThat(folder.weightBytes()).isEqualTo(Files.size(Fixtures.model().resolve("model.safetensors")));
        assertThat(folder.config()).isRegularFile();
        assertThat(folder.tokenizer()).isRegularFile();
        assertThat(ModelFolder.missingFiles(Fixtures.model())).isEmpty();
    }

    @Test
    void should_name_the_path_and_the_expected_files_when_the_folder_does_not_exist() {
        Path missing = temp.resolve("nowhere");

        assertThatThrownBy(() -> ModelFolder.open(missing))
                .isInstanceOf(ModelNotFoundException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No model folder at " + missing + ": it does not exist. Expected a folder holding"
                        + " config.json, tokenizer.json and model.safetensors (or model.safetensors.index.json plus"
                        + " every shard it names).");
    }

    @Test
    void should_say_when_the_path_is_a_file() throws IOException {
        Path file = Files.writeString(temp.resolve("config.json"), "{}");

        assertThatThrownBy(() -> ModelFolder.open(file))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining(file + ": it is a file, not a folder");
    }

    @Test
    void should_name_tokenizer_json_when_it_is_missing() throws IOException {
        Path dir = folderWith("config.json", "model.safetensors");

        assertThat(ModelFolder.missingFiles(dir)).containsExactly("tokenizer.json");
        assertThatThrownBy(() -> ModelFolder.open(dir))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageStartingWith("Model folder " + dir + " is incomplete: missing tokenizer.json.");
    }

    @Test
    void should_name_every_missing_piece_of_an_empty_folder() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("empty"));

        assertThat(ModelFolder.missingFiles(dir))
                .containsExactly("config.json", "tokenizer.json", "model.safetensors or model.safetensors.index.json");
    }

    @Test
    void should_name_the_missing_shard_of_a_sharded_folder() throws IOException {
        Path dir = folderWith("config.json", "tokenizer.json", SHARD_1);
        writeIndex(dir);

        assertThatThrownBy(() -> ModelFolder.open(dir))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("missing " + SHARD_2 + " (named by model.safetensors.index.json)")
                .hasMessageNotContaining(SHARD_1);
    }

    @Test
    void should_accept_a_complete_sharded_folder_and_sum_its_shards() throws IOException {
        Path dir = folderWith("config.json", "tokenizer.json");
        Files.write(dir.resolve(SHARD_1), new byte[1234]);
        Files.write(dir.resolve(SHARD_2), new byte[766]);
        writeIndex(dir);

        ModelFolder folder = ModelFolder.open(dir);

        assertThat(folder.isSharded()).isTrue();
        assertThat(folder.weightFiles())
                .containsExactly(folder.path().resolve(SHARD_1), folder.path().resolve(SHARD_2));
        assertThat(folder.weightBytes()).isEqualTo(2000L);
    }

    @Test
    void should_reject_an_index_without_a_weight_map() throws IOException {
        Path dir = folderWith("config.json", "tokenizer.json");
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");

        assertThatThrownBy(() -> ModelFolder.open(dir))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("missing a valid model.safetensors.index.json (no \"weight_map\" object");
    }

    @Test
    void should_reject_an_index_naming_a_shard_outside_the_folder() throws IOException {
        Path dir = folderWith("config.json", "tokenizer.json");
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"w\": \"../elsewhere.safetensors\"}}");

        assertThatThrownBy(() -> ModelFolder.open(dir))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("invalid shard file: \"../elsewhere.safetensors\"");
    }

    @Test
    void should_count_a_link_to_a_missing_file_as_missing() throws IOException {
        Path dir = folderWith("config.json", "model.safetensors");
        Files.createSymbolicLink(dir.resolve("tokenizer.json"), Paths.get("../../blobs/gone"));

        assertThat(ModelFolder.missingFiles(dir)).containsExactly("tokenizer.json (a link to a missing file)");
        assertThat(ModelFolder.isComplete(dir)).isFalse();
    }

    private Path folderWith(String... names) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("model"));
        for (String name : names) {
            Files.writeString(dir.resolve(name), "{}");
        }
        return dir;
    }

    private static void writeIndex(Path dir) throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 2000},"
                + " \"weight_map\": {\"a\": \"" + SHARD_2 + "\", \"b\": \"" + SHARD_1 + "\", \"c\": \"" + SHARD_2
                + "\"}}");
    }
}
