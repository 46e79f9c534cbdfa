package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the answer from the reranked passages: with the chat model when one is configured (numbered citations; a
 * model that reads images also gets the passages' pictures), at once or token by token, or extractively, listing the
 * best passages with their sources and saying why.
 */
@ApplicationScoped
public class AnswerWriter {

    /** Receives an answer as it is written, on the chat model's thread. */
    public interface Listener {

        /** A piece of the answer's text, in order. */
        void onToken(String text);

        /** The whole answer, after its last token. */
        void onAnswer(Answer answer);

        /** The chat model failed after some tokens were sent. */
        void onError(Throwable error);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AnswerWriter.class);
    private static final int SNIPPET_CHARS = 400;

    private final Optional<ChatModel> chatModel;
    private final Optional<StreamingChatModel> streamingModel;
    private final Function<List<Passage>, List<Content>> pictures;

    /**
     * @param chatModels the configured chat model, if any
     * @param images     the passages' pictures, sent when the chat model reads images
     */
    @Inject
    public AnswerWriter(ChatModels chatModels, PassageImages images) {
        this(chatModels.model(), chatModels.streamingModel(),
                chatModels.vision() ? images::of : passages -> List.of());
    }

    /**
     * @param chatModel      the chat model, or empty for extractive answers only
     * @param streamingModel the same model, streaming
     * @param pictures       the labelled pictures sent with given passages (empty for a text-only model)
     */
    AnswerWriter(Optional<ChatModel> chatModel, Optional<StreamingChatModel> streamingModel,
                 Function<List<Passage>, List<Content>> pictures) {
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
        this.pictures = pictures;
    }

    /**
     * @param question the question
     * @param passages the reranked passages, best first
     * @param history  the conversation so far (empty for a single question)
     * @param generate whether to use the chat model if there is one
     * @return the answer
     */
    public Answer answer(String question, List<Passage> passages, List<ChatMessage> history, boolean generate) {
        Optional<Answer> extractive = withoutChatModel(passages, generate);
        if (extractive.isPresent()) {
            return extractive.get();
        }
        List<Content> images = pictures.apply(passages);
        long start = System.nanoTime();
        try {
            String text = chatModel.orElseThrow().chat(CitationPrompt.messages(question, passages, history, images))
                    .aiMessage().text();
            return new Answer(text, Answer.GENERATIVE, Timings.millis(System.nanoTime() - start), count(images));
        } catch (RuntimeException e) {
            return failed(e, passages);
        }
    }

    /**
     * Writes the answer token by token: from the streaming chat model, or as one token when the answer is
     * extractive. If the chat model fails before its first token, the extractive answer is sent instead.
     *
     * @param question the question
     * @param passages the reranked passages, best first
     * @param history  the conversation so far
     * @param listener receives the tokens and the answer
     */
    public void stream(String question, List<Passage> passages, List<ChatMessage> history, Listener listener) {
        Optional<Answer> extractive = withoutChatModel(passages, true);
        if (extractive.isPresent()) {
            sendWhole(extractive.get(), listener);
            return;
        }
        List<Content> images = pictures.apply(passages);
        long start = System.nanoTime();
        AtomicBoolean started = new AtomicBoolean();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                started.set(true);
                listener.onToken(text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                listener.onAnswer(new Answer(response.aiMessage().text(), Answer.GENERATIVE,
                        Timings.millis(System.nanoTime() - start), count(images)));
            }

            @Override
            public void onError(Throwable error) {
                if (started.get()) {
                    LOG.warn("The chat model failed while answering: {}", error.getMessage());
                    listener.onError(error);
                } else {
                    sendWhole(failed(error, passages), listener);
                }
            }
        };
        try {
            streamingModel.orElseThrow().chat(CitationPrompt.messages(question, passages, history, images), handler);
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }

    /** The answer when the chat model is not used: no passage, no chat model, or generation turned off. */
    private Optional<Answer> withoutChatModel(List<Passage> passages, boolean generate) {
        if (passages.isEmpty()) {
            return Optional.of(new Answer("No ingested document matches the question (the store is empty or still"
                    + " being filled).", Answer.EXTRACTIVE, 0, 0));
        }
        if (chatModel.isEmpty()) {
            return Optional.of(extractive("No chat model is configured (set demo.chat.base-url), so here are the most"
                    + " relevant passages:", passages));
        }
        if (!generate) {
            return Optional.of(extractive("Answer generation was turned off for this request; the most relevant"
                    + " passages:", passages));
        }
        return Optional.empty();
    }

    private static void sendWhole(Answer answer, Listener listener) {
        listener.onToken(answer.text());
        listener.onAnswer(answer);
    }

    private static Answer failed(Throwable e, List<Passage> passages) {
        LOG.warn("The chat model failed: {}", e.getMessage());
        return extractive("The chat model failed (" + e.getMessage() + "), so here are the most relevant passages:",
                passages);
    }

    private static int count(List<Content> contents) {
        return (int) contents.stream().filter(ImageContent.class::isInstance).count();
    }

    private static Answer extractive(String intro, List<Passage> passages) {
        StringBuilder b = new StringBuilder(intro);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            b.append("\n\n[").append(i + 1).append("] ").append(snippet(p.text()))
                    .append(" (").append(CitationPrompt.sourceLabel(p)).append(')');
        }
        return new Answer(b.toString(), Answer.EXTRACTIVE, 0, 0);
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1).stripTrailing() + "…";
    }
}
