package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages sent to the chat model: instructions, the conversation so far, then the question with the reranked
 * passages numbered [1], [2], … in rank order, each with its source; for a chat model that reads images, the
 * passages' pictures follow the text, each after a label naming its passage.
 */
public final class CitationPrompt {

    /** The system message. */
    public static final String INSTRUCTIONS = """
            You answer questions about the user's documents. Use only the numbered passages given with the question. \
            After every statement, cite the passage(s) it comes from by number in square brackets, e.g. [1] or [2][3]. \
            If the passages do not contain the answer, say that the documents do not answer it. Be concise and \
            answer in the language of the question.""";

    private CitationPrompt() {
    }

    /** Added to the question when the passages' pictures follow it. */
    public static final String IMAGES_NOTE = "The pictures of some passages (PDF pages, images, video frames with"
            + " their times) follow; use them as well. Cite a moment of a video as [n@seconds], e.g. [3@12.5].";

    /**
     * @param question the user's question
     * @param passages the reranked passages, best first
     * @param history  earlier messages of the conversation (user and assistant), oldest first
     * @param images   the passages' pictures with their labels ({@link PassageImages}); empty for text only
     * @return the messages for the chat model
     */
    public static List<ChatMessage> messages(String question, List<Passage> passages, List<ChatMessage> history,
                                             List<Content> images) {
        List<ChatMessage> messages = new ArrayList<>(history.size() + 2);
        messages.add(SystemMessage.from(INSTRUCTIONS));
        messages.addAll(history);
        String text = userMessage(question, passages, !images.isEmpty());
        if (images.isEmpty()) {
            messages.add(UserMessage.from(text));
        } else {
            List<Content> contents = new ArrayList<>(images.size() + 1);
            contents.add(TextContent.from(text));
            contents.addAll(images);
            messages.add(UserMessage.from(contents));
        }
        return messages;
    }

    /**
     * @param question   the question
     * @param passages   the passages, best first
     * @param withImages whether the passages' pictures follow
     * @return the question with its numbered passages
     */
    static String userMessage(String question, List<Passage> passages, boolean withImages) {
        StringBuilder b = new StringBuilder("Passages:\n");
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            b.append("\n[").append(i + 1).append("] Source: ").append(sourceLabel(p)).append('\n')
                    .append(p.text().strip()).append('\n');
        }
        if (withImages) {
            b.append('\n').append(IMAGES_NOTE).append('\n');
        }
        return b.append("\nQuestion: ").append(question.strip()).toString();
    }

    /**
     * @param p a passage
     * @return e.g. {@code guide.pdf, page 2} or {@code map.png (image)}
     */
    public static String sourceLabel(Passage p) {
        StringBuilder b = new StringBuilder(p.source());
        if (p.page() != null) {
            b.append(", page ").append(p.page());
        }
        if ("image".equals(p.kind()) || "video".equals(p.kind())) {
            b.append(" (").append(p.kind()).append(")");
        }
        return b.toString();
    }
}
