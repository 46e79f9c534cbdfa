package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat over the documents: every turn retrieves and reranks against the message in the context of the previous
 * question, answers from the new passages (the chat model also sees the conversation so far), at once or token by
 * token, and stores the turn and the conversation's chat memory in one transaction. One turn of a conversation at a
 * time: a message for a conversation still answering gets {@link TurnInProgressException}.
 */
@ApplicationScoped
public class ChatService {

    /** Receives a streamed turn: what was retrieved, the answer's tokens, then the recorded reply or an error. */
    public interface Listener {

        /** The passages the answer will cite. */
        void onRetrieval(ChatRetrieval retrieval);

        /** A piece of the answer, in order. */
        void onToken(String text);

        /** The turn, recorded. */
        void onReply(ChatReply reply);

        /** The turn failed after its retrieval; nothing of it was recorded. */
        void onError(Throwable error);
    }

    /** A turn under way. */
    private record Turn(String conversationId, String message, ChatMemory memory, List<ChatMessage> history,
                        String retrievalQuery, Retrieval retrieval) {
    }

    private final Conversations conversations;
    private final ConversationLog log;
    private final Retriever retriever;
    private final AnswerWriter answers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param conversations the chat memories
     * @param log           the recorded turns
     * @param retriever     retrieval and reranking
     * @param answers       answer writing
     */
    @Inject
    public ChatService(Conversations conversations, ConversationLog log, Retriever retriever, AnswerWriter answers) {
        this.conversations = conversations;
        this.log = log;
        this.retriever = retriever;
        this.answers = answers;
    }

    /**
     * @param conversationId the conversation
     * @param message        the user's message
     * @param topK           candidates from pgvector
     * @param topN           passages after reranking
     * @param hybrid         whether pgvector also ranks by full text
     * @return the reply, recorded
     * @throws TurnInProgressException if the conversation is answering another message
     */
    public ChatReply chat(String conversationId, String message, int topK, int topN, boolean hybrid) {
        Turn turn = begin(conversationId, message, topK, topN, hybrid);
        try {
            return record(turn, answers.answer(message, turn.retrieval().passages(), turn.history(), true));
        } finally {
            inFlight.remove(conversationId);
        }
    }

    /**
     * Answers token by token. Retrieval runs on the caller's thread (its failures are thrown); the answer is
     * written on the chat model's thread.
     *
     * @param conversationId the conversation
     * @param message        the user's message
     * @param topK           candidates from pgvector
     * @param topN           passages after reranking
     * @param hybrid         whether pgvector also ranks by full text
     * @param listener       receives the retrieval, the tokens and the reply
     * @throws TurnInProgressException if the conversation is answering another message
     */
    public void stream(String conversationId, String message, int topK, int topN, boolean hybrid,
                       Listener listener) {
        Turn turn = begin(conversationId, message, topK, topN, hybrid);
        try {
            Retrieval retrieval = turn.retrieval();
            listener.onRetrieval(new ChatRetrieval(conversationId, turn.retrievalQuery(), retrieval.passages(),
                    retrieval.notice(), retrieval.timings(), retrieval.reranked()));
            answers.stream(message, retrieval.passages(), turn.history(), new AnswerWriter.Listener() {
                @Override
                public void onToken(String text) {
                    listener.onToken(text);
                }

                @Override
                public void onAnswer(Answer answer) {
                    ChatReply reply;
                    try {
                        reply = record(turn, answer);
                    } catch (RuntimeException e) {
                        listener.onError(e);
                        return;
                    } finally {
                        inFlight.remove(conversationId);
                    }
                    listener.onReply(reply);
                }

                @Override
                public void onError(Throwable error) {
                    inFlight.remove(conversationId);
                    listener.onError(error);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(conversationId);
            throw e;
        }
    }

    private Turn begin(String conversationId, String message, int topK, int topN, boolean hybrid) {
        if (!inFlight.add(conversationId)) {
            throw new TurnInProgressException(conversationId);
        }
        try {
            ChatMemory memory = conversations.memory(conversationId);
            List<ChatMessage> history = memory.messages();
            String query = retrievalQuery(history, message);
            return new Turn(conversationId, message, memory, history, query,
                    retriever.retrieve(query, topK, topN, hybrid));
        } catch (RuntimeException e) {
            inFlight.remove(conversationId);
            throw e;
        }
    }

    /** Stores the turn and the conversation's memory, both or neither. */
    private ChatReply record(Turn turn, Answer answer) {
        Retrieval retrieval = turn.retrieval();
        ChatReply reply = new ChatReply(turn.conversationId(), answer.text(), answer.mode(), turn.retrievalQuery(),
                retrieval.passages(), retrieval.timings().withGenerate(answer.generateMs()), retrieval.notice(),
                answer.images());
        QuarkusTransaction.requiringNew().run(() -> {
            log.record(turn.message(), reply);
            turn.memory().add(UserMessage.from(turn.message()));
            turn.memory().add(AiMessage.from(answer.text()));
        });
        return reply;
    }

    /**
     * The text to retrieve with: the previous user message (which a follow-up such as "and on Sundays?" depends on)
     * and the new one.
     */
    static String retrievalQuery(List<ChatMessage> history, String message) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i) instanceof UserMessage previous) {
                return previous.singleText().strip() + "\n" + message.strip();
            }
        }
        return message.strip();
    }
}
