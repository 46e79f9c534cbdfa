package dev.qwen3vl.demo.rag;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.qwen3vl.demo.config.DemoConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional chat model: LangChain4j's OpenAI client pointed at {@code demo.chat.base-url} (OpenAI, or any
 * OpenAI-compatible server such as Ollama's {@code http://localhost:11434/v1}, vLLM or llama.cpp's server), as a
 * blocking and as a streaming model. Created at startup, so that a malformed base URL stops the start and the log
 * says which answers to expect.
 */
@Startup
@ApplicationScoped
public class ChatModels {

    private static final Logger LOG = LoggerFactory.getLogger(ChatModels.class);

    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final String description;
    private final boolean vision;

    /**
     * @param config the {@code demo.chat.*} settings
     * @throws IllegalArgumentException if the base URL is not an absolute http(s) URL
     */
    @Inject
    public ChatModels(DemoConfig config) {
        DemoConfig.Chat chat = config.chat();
        Optional<String> baseUrl = chat.baseUrl().filter(s -> !s.isBlank());
        if (baseUrl.isEmpty()) {
            this.model = null;
            this.streamingModel = null;
            this.description = null;
            this.vision = false;
            LOG.info("No chat model configured (demo.chat.base-url): answers are extractive");
            return;
        }
        URI uri = URI.create(baseUrl.get());
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("demo.chat.base-url=" + baseUrl.get()
                    + " must be an absolute http(s) URL, e.g. http://localhost:11434/v1");
        }
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(baseUrl.get())
                .apiKey(chat.apiKey())
                .modelName(chat.modelName())
                .timeout(chat.timeout())
                .maxRetries(1);
        chat.temperature().ifPresent(builder::temperature);
        this.model = builder.build();
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl.get())
                .apiKey(chat.apiKey())
                .modelName(chat.modelName())
                .timeout(chat.timeout());
        chat.temperature().ifPresent(streaming::temperature);
        this.streamingModel = streaming.build();
        this.description = chat.modelName() + " at " + baseUrl.get();
        this.vision = chat.vision();
        LOG.info("Chat model: {}, {}", description, vision ? "shown the passages' pictures (demo.chat.vision)"
                : "text only (set demo.chat.vision=true for a model that reads images)");
    }

    /** The chat model, if one is configured. */
    public Optional<ChatModel> model() {
        return Optional.ofNullable(model);
    }

    /** The same chat model answering token by token, if one is configured. */
    public Optional<StreamingChatModel> streamingModel() {
        return Optional.ofNullable(streamingModel);
    }

    /** The model name and base URL, if a chat model is configured. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Whether the chat model is shown the passages' pictures. */
    public boolean vision() {
        return vision;
    }
}
