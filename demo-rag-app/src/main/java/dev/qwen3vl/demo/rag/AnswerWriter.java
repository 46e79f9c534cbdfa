package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the answer from the reranked passages: with the chat model when one is configured (numbered citations), or
 * extractively, listing the best passages with their sources and saying why.
 */
@ApplicationScoped
public class AnswerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerWriter.class);
    private static final int SNIPPET_CHARS = 400;

    private final Optional<ChatModel> chatModel;

    /**
     * @param chatModels the configured chat model, if any
     */
    @Inject
    public AnswerWriter(ChatModels chatModels) {
        this(chatModels.model());
    }

    /**
     * @param chatModel the chat model, or empty for extractive answers only
     */
    public AnswerWriter(Optional<ChatModel> chatModel) {
        this.chatModel = chatModel;
    }

    /**
     * @param question the question
     * @param passages the reranked passages, best first
     * @param history  the conversation so far (empty for a single question)
     * @param generate whether to use the chat model if there is one
     * @return the answer
     */
    public Answer answer(String question, List<Passage> passages, List<ChatMessage> history, boolean generate) {
        if (passages.isEmpty()) {
            return new Answer("No ingested document matches the question (the store is empty or still being "
                    + "filled).", Answer.EXTRACTIVE, 0);
        }
        if (chatModel.isEmpty()) {
            return extractive("No chat model is configured (set demo.chat.base-url), so here are the most relevant "
                    + "passages:", passages);
        }
        if (!generate) {
            return extractive("Answer generation was turned off for this request; the most relevant passages:",
                    passages);
        }
        long start = System.nanoTime();
        try {
            String text = chatModel.get().chat(CitationPrompt.messages(question, passages, history)).aiMessage().text();
            return new Answer(text, Answer.GENERATIVE, Timings.millis(System.nanoTime() - start));
        } catch (RuntimeException e) {
            LOG.warn("The chat model failed: {}", e.getMessage());
            return extractive("The chat model failed (" + e.getMessage() + "), so here are the most relevant "
                    + "passages:", passages);
        }
    }

    private static Answer extractive(String intro, List<Passage> passages) {
        StringBuilder b = new StringBuilder(intro);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            b.append("\n\n[").append(i + 1).append("] ").append(snippet(p.text()))
                    .append(" (").append(CitationPrompt.sourceLabel(p)).append(')');
        }
        return new Answer(b.toString(), Answer.EXTRACTIVE, 0);
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1).stripTrailing() + "…";
    }
}
