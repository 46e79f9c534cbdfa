package dev.qwen3vl.demo.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerWriterTest {

    private static final List<Passage> PASSAGES = List.of(
            new Passage("a", "ferry-timetable.pdf", 2, "pdf", "/api/media/t.png", "/api/media/p.png", 3, 0.81, 0.97,
                    "The first ferry leaves\nSaltmere at 06:40."),
            new Passage("b", "harbour-map.png", null, "image", "/api/media/h.png", "/api/media/m.png", 1, 0.9, 0.42,
                    "Image harbour-map.png"));

    @Test
    void should_answer_extractively_with_numbered_sources_when_no_chat_model_is_configured() {
        Answer answer = new AnswerWriter(Optional.empty()).answer("When?", PASSAGES, List.of(), true);

        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE);
        assertThat(answer.generateMs()).isZero();
        assertThat(answer.text()).isEqualTo("""
                No chat model is configured (set demo.chat.base-url), so here are the most relevant passages:

                [1] The first ferry leaves Saltmere at 06:40. (ferry-timetable.pdf, page 2)

                [2] Image harbour-map.png (harbour-map.png (image))""");
    }

    @Test
    void should_say_so_when_nothing_matches() {
        Answer answer = new AnswerWriter(Optional.empty()).answer("When?", List.of(), List.of(), true);

        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE);
        assertThat(answer.text()).startsWith("No ingested document matches the question");
    }

    @Test
    void should_number_the_passages_with_their_sources_in_the_prompt() {
        String prompt = CitationPrompt.userMessage("When does it leave?", PASSAGES);

        assertThat(prompt).isEqualTo("""
                Passages:

                [1] Source: ferry-timetable.pdf, page 2
                The first ferry leaves
                Saltmere at 06:40.

                [2] Source: harbour-map.png (image)
                Image harbour-map.png

                Question: When does it leave?""");
    }
}
