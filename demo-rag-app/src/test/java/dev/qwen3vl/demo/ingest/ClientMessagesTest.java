package dev.qwen3vl.demo.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Client-facing messages carry no server path. */
class ClientMessagesTest {

    @Test
    void the_stored_file_is_named_as_sent_and_the_data_folder_is_hidden() {
        Path data = Path.of("target/demo-data");
        Path stored = data.resolve("uploads").resolve("ab12-report.png");
        String message = "'report.png' cannot be decoded as an image: " + stored.toAbsolutePath()
                + ": truncated; media copy under " + data.toAbsolutePath().resolve("media");
        String scrubbed = ClientMessages.scrub(message, stored, "report.png", data);
        assertThat(scrubbed).doesNotContain(data.toAbsolutePath().toString(), "uploads")
                .isEqualTo("'report.png' cannot be decoded as an image: report.png: truncated; media copy under "
                        + "<data folder>/media");
    }
}
