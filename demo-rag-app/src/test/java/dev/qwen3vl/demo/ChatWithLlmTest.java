package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.demo.testing.FakeOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generative path against an OpenAI-compatible server on 127.0.0.1 ({@link FakeOpenAiServer}): what the chat model
 * is sent for a question and for a conversation.
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class ChatWithLlmTest {

    FakeOpenAiServer llm;

    @BeforeEach
    void waitForIngestion() {
        DemoApi.awaitIngestionIdle();
    }

    @Test
    void should_send_the_reranked_passages_in_order_with_their_sources_to_the_chat_model() {
        int before = llm.requests().size();

        JsonPath response = given().contentType(ContentType.JSON)
                .body(Map.of("question", "How much is a return ticket for an adult?", "topK", 10, "topN", 4))
                .post("/api/ask")
                .then().statusCode(200).extract().jsonPath();

        assertThat(response.getString("mode")).isEqualTo("generative");
        assertThat(response.getString("answer")).isEqualTo(FakeOpenAiServer.ANSWER);
        assertThat(response.getDouble("timings.generateMs")).isPositive();
        assertThat(llm.requests()).hasSize(before + 1);
        JsonNode request = llm.requests().get(before);
        assertThat(request.path("model").asText()).isEqualTo("fake-model");
        List<JsonNode> messages = messages(request);
        assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("system", "user");
        String prompt = content(messages.get(1));
        List<Map<String, Object>> sources = response.getList("sources");
        assertThat(sources).hasSize(4);
        int previous = -1;
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> source = sources.get(i);
            String header = "[" + (i + 1) + "] Source: " + source.get("source")
                    + (source.get("page") == null ? "" : ", page " + source.get("page"));
            int at = prompt.indexOf(header);
            assertThat(at).as("%s in%n%s", header, prompt).isGreaterThan(previous);
            assertThat(prompt.indexOf(((String) source.get("text")).strip(), at)).as("text of [%d]", i + 1)
                    .isGreaterThan(at);
            previous = at;
        }
        assertThat(prompt).doesNotContain("[5] Source:")
                .endsWith("Question: How much is a return ticket for an adult?");
    }

    @Test
    void should_carry_the_first_turn_of_a_conversation_into_the_second() {
        int before = llm.requests().size();
        String first = "When does the ferry leave Port Verrow in winter?";
        String second = "And on Sundays?";

        JsonPath turn1 = chat(null, first);
        String conversation = turn1.getString("conversationId");
        JsonPath turn2 = chat(conversation, second);

        assertThat(turn2.getString("conversationId")).isEqualTo(conversation);
        assertThat(turn1.getString("retrievalQuery")).isEqualTo(first);
        assertThat(turn2.getString("retrievalQuery")).isEqualTo(first + "\n" + second);
        assertThat(turn2.getString("answer")).isEqualTo(FakeOpenAiServer.ANSWER);
        assertThat(turn2.getList("sources")).isNotEmpty();
        assertThat(llm.requests()).hasSize(before + 2);
        List<JsonNode> messages = messages(llm.requests().get(before + 1));
        assertThat(messages).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(content(messages.get(1))).isEqualTo(first);
        assertThat(content(messages.get(2))).isEqualTo(FakeOpenAiServer.ANSWER);
        assertThat(content(messages.get(3))).startsWith("Passages:").endsWith("Question: " + second);
        List<Map<String, Object>> sources = turn2.getList("sources");
        assertThat(content(messages.get(3))).contains("[1] Source: " + sources.get(0).get("source"));

        JsonPath otherConversation = chat(null, second);
        assertThat(otherConversation.getString("conversationId")).isNotEqualTo(conversation);
        assertThat(messages(llm.requests().get(before + 2))).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user");
    }

    private static JsonPath chat(String conversationId, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/chat")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<JsonNode> messages(JsonNode request) {
        List<JsonNode> out = new ArrayList<>();
        request.path("messages").forEach(out::add);
        return out;
    }

    /** The text of a message, whether the client sent it as a string or as content parts. */
    private static String content(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder b = new StringBuilder();
        content.forEach(part -> b.append(part.path("text").asText()));
        return b.toString();
    }
}
