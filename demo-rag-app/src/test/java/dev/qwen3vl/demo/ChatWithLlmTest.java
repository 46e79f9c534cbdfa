package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.demo.testing.FakeOpenAiServer;
import dev.qwen3vl.demo.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generative path against an OpenAI-compatible server on 127.0.0.1 ({@link FakeOpenAiServer}): what the chat model
 * is sent for a question and for a conversation (text and pictures), the streamed answer, and the stored
 * conversations.
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class ChatWithLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code demo.chat.max-images} and {@code demo.chat.video-frames} (defaults). */
    private static final int MAX_IMAGES = 6;
    private static final int VIDEO_FRAMES = 4;

    FakeOpenAiServer llm;

    @TestHTTPResource("/api/chat/stream")
    URL stream;

    @Inject
    DataSource dataSource;

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

    @Test
    void should_stream_the_answer_in_several_chunks_as_the_chat_model_writes_them_and_record_the_turn()
            throws Exception {
        CountDownLatch lastChunk = llm.holdNextStream();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"When does the first ferry leave?\"}"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();

        List<Event> events = new ArrayList<>();
        do {
            events.add(Event.next(lines));
        } while (!events.get(events.size() - 1).name().equals("token"));
        // the chat model is held before its last chunk: the first token came while the answer was being written
        String conversation = events.get(0).data().path("conversationId").asText();
        assertThat(events).extracting(Event::name).containsExactly("retrieval", "token");
        JsonPath during = given().contentType(ContentType.JSON)
                .body(Map.of("conversationId", conversation, "message", "And in winter?")).post("/api/chat")
                .then().statusCode(409).extract().jsonPath();
        lastChunk.countDown();
        for (Event e = Event.next(lines); e != null; e = Event.next(lines)) {
            events.add(e);
        }

        assertThat(during.getString("message")).contains("still answering its previous message");
        assertThat(events.get(0).data().path("sources")).isNotEmpty();
        List<String> tokens = events.stream().filter(e -> e.name().equals("token"))
                .map(e -> e.data().path("text").asText()).toList();
        assertThat(tokens).hasSizeGreaterThan(5).containsExactlyElementsOf(FakeOpenAiServer.CHUNKS);
        Event done = events.get(events.size() - 1);
        assertThat(done.name()).isEqualTo("done");
        assertThat(done.data().path("answer").asText()).isEqualTo(FakeOpenAiServer.ANSWER).isEqualTo(String.join("",
                tokens));
        assertThat(done.data().path("mode").asText()).isEqualTo("generative");
        JsonPath stored = given().get("/api/conversations/" + conversation).then().statusCode(200).extract()
                .jsonPath();
        assertThat(stored.getString("title")).isEqualTo("When does the first ferry leave?");
        assertThat(stored.getList("turns")).hasSize(1);
        assertThat(stored.getString("turns[0].reply.answer")).isEqualTo(FakeOpenAiServer.ANSWER);
        assertThat(stored.getList("turns[0].reply.sources")).hasSize(events.get(0).data().path("sources").size());

        int before = llm.requests().size();
        chat(conversation, "And in winter?");
        assertThat(messages(llm.requests().get(before))).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
    }

    @Test
    void should_show_the_chat_model_the_pictures_of_the_passages_as_image_parts() {
        int before = llm.requests().size();

        JsonPath response = given().contentType(ContentType.JSON)
                .body(Map.of("question", "Show me the lighthouse", "topK", 60, "topN", 60))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> sources = response.getList("sources");
        List<String> expectedLabels = new ArrayList<>();
        for (int i = 0; i < sources.size() && expectedLabels.size() < MAX_IMAGES; i++) {
            Map<String, Object> source = sources.get(i);
            int pictures = "video".equals(source.get("kind")) ? VIDEO_FRAMES
                    : source.get("mediaUrl") != null ? 1 : 0;
            for (int k = 0; k < pictures && expectedLabels.size() < MAX_IMAGES; k++) {
                expectedLabels.add("Passage [" + (i + 1) + "] (" + source.get("source"));
            }
        }
        assertThat(expectedLabels).as("the corpus has pictures").hasSize(MAX_IMAGES);
        List<JsonNode> parts = new ArrayList<>();
        messages(llm.requests().get(before)).get(1).path("content").forEach(parts::add);
        assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
        assertThat(parts.get(0).path("text").asText()).contains("The pictures of some passages");
        List<JsonNode> images = parts.stream().filter(p -> p.path("type").asText().equals("image_url")).toList();
        List<String> labels = parts.stream().skip(1).filter(p -> p.path("type").asText().equals("text"))
                .map(p -> p.path("text").asText()).toList();
        assertThat(images).hasSize(MAX_IMAGES).allSatisfy(image -> assertThat(image.path("image_url").path("url")
                .asText()).startsWith("data:image/png;base64,iVBORw0KGgo"));
        assertThat(labels).hasSize(MAX_IMAGES);
        for (int i = 0; i < MAX_IMAGES; i++) {
            assertThat(labels.get(i)).startsWith(expectedLabels.get(i));
        }
        assertThat(response.getInt("images")).isEqualTo(MAX_IMAGES);
    }

    @Test
    void should_list_show_and_delete_stored_conversations() {
        JsonPath first = chat(null, "Where is the harbour office?");
        String id = first.getString("conversationId");
        chat(id, "And when does it open?");

        List<Map<String, Object>> listed = given().get("/api/conversations").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.id == '" + id + "' }");
        JsonPath conversation = given().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
        given().delete("/api/conversations/" + id).then().statusCode(204);

        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.get("title")).isEqualTo("Where is the harbour office?");
            assertThat(c.get("turns")).isEqualTo(2);
        });
        assertThat(conversation.getList("turns.question"))
                .containsExactly("Where is the harbour office?", "And when does it open?");
        assertThat(conversation.getString("turns[1].reply.retrievalQuery"))
                .isEqualTo("Where is the harbour office?\nAnd when does it open?");
        given().get("/api/conversations/" + id).then().statusCode(404);
        given().delete("/api/conversations/" + id).then().statusCode(404);
        assertThat(new Sql(dataSource).longValue("SELECT count(*) FROM rag_test_chat_memory WHERE conversation_id = ?",
                id)).isZero();
        given().contentType(ContentType.JSON).body(Map.of("message", " ")).post("/api/chat/stream")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("message", equalTo("'message' must not be empty"));
    }

    /** A server-sent event: its name and JSON data. */
    private record Event(String name, JsonNode data) {

        /** The next event of the stream, or null at its end. */
        static Event next(Iterator<String> lines) throws IOException {
            String name = null;
            StringBuilder data = new StringBuilder();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty() && name != null) {
                    return new Event(name, JSON.readTree(data.toString()));
                }
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).replaceFirst("^ ", ""));
                }
            }
            return null;
        }
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

    /** The text of a message: its content, or its first text part when the client sent content parts. */
    private static String content(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        for (JsonNode part : content) {
            if (part.path("type").asText().equals("text")) {
                return part.path("text").asText();
            }
        }
        return "";
    }
}
