package dev.qwen3vl.demo.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerWriterTest {

    private static final List<Passage> PASSAGES = List.of(
            new Passage("a", "ferry-timetable.pdf", 2, "pdf", "/api/media/t.png", "/api/media/p.png", 3, 0.81, 0.97,
                    "The first ferry leaves\nSaltmere at 06:40."),
            new Passage("b", "harbour-map.png", null, "image", "/api/media/h.png", "/api/media/m.png", 1, 0.9, 0.42,
                    "Image harbour-map.png"));
    private static final AnswerWriter EXTRACTIVE = new AnswerWriter(Optional.empty(), Optional.empty(),
            passages -> List.of());

    @Test
    void should_answer_extractively_with_numbered_sources_when_no_chat_model_is_configured() {
        Answer answer = EXTRACTIVE.answer("When?", PASSAGES, List.of(), true);

        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE);
        assertThat(answer.generateMs()).isZero();
        assertThat(answer.text()).isEqualTo("""
                No chat model is configured (set demo.chat.base-url), so here are the most relevant passages:

                [1] The first ferry leaves Saltmere at 06:40. (ferry-timetable.pdf, page 2)

                [2] Image harbour-map.png (harbour-map.png (image))""");
    }

    @Test
    void should_say_so_when_nothing_matches() {
        Answer answer = EXTRACTIVE.answer("When?", List.of(), List.of(), true);

        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE);
        assertThat(answer.text()).startsWith("No ingested document matches the question");
    }

    @Test
    void should_stream_an_extractive_answer_as_one_token() {
        List<String> events = new ArrayList<>();

        EXTRACTIVE.stream("When?", PASSAGES, List.of(), new AnswerWriter.Listener() {
            @Override
            public void onToken(String text) {
                events.add("token " + text);
            }

            @Override
            public void onAnswer(Answer answer) {
                events.add("answer " + answer.mode() + " " + answer.text());
            }

            @Override
            public void onError(Throwable error) {
                events.add("error " + error);
            }
        });

        String text = EXTRACTIVE.answer("When?", PASSAGES, List.of(), true).text();
        assertThat(events).containsExactly("token " + text, "answer extractive " + text);
    }

    @Test
    void should_number_the_passages_with_their_sources_in_the_prompt() {
        String prompt = CitationPrompt.userMessage("When does it leave?", PASSAGES, false);

        assertThat(prompt).isEqualTo("""
                Passages:

                [1] Source: ferry-timetable.pdf, page 2
                The first ferry leaves
                Saltmere at 06:40.

                [2] Source: harbour-map.png (image)
                Image harbour-map.png

                Question: When does it leave?""");
    }

    @Test
    void should_send_text_only_without_pictures_and_the_pictures_after_the_text_with_them() {
        List<ChatMessage> textOnly = CitationPrompt.messages("When?", PASSAGES, List.of(), List.of());
        List<Content> pictures = List.of(TextContent.from("Passage [1] (ferry-timetable.pdf, page 2), the page:"),
                ImageContent.from("iVBORw0KGgo=", "image/png"));
        List<ChatMessage> withPictures = CitationPrompt.messages("When?", PASSAGES, List.of(), pictures);

        UserMessage plain = (UserMessage) textOnly.get(1);
        assertThat(plain.hasSingleText()).isTrue();
        assertThat(plain.singleText()).doesNotContain(CitationPrompt.IMAGES_NOTE);
        UserMessage visual = (UserMessage) withPictures.get(1);
        assertThat(visual.contents()).hasSize(3);
        assertThat(((TextContent) visual.contents().get(0)).text())
                .contains(CitationPrompt.IMAGES_NOTE).endsWith("Question: When?");
        assertThat(visual.contents().subList(1, 3)).containsExactlyElementsOf(pictures);
    }
}
