package dev.qwen3vl.demo.config;

import dev.qwen3vl.pgvector.SearchMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the demo application ({@code demo.*}); the models are configured with {@code quarkus.qwen3vl.*}. */
@ConfigMapping(prefix = "demo")
public interface DemoConfig {

    /** Folder for uploaded files, original images and videos, rendered PDF pages and thumbnails. */
    @WithDefault("demo-data")
    Path dataDir();

    /** Ingestion. */
    Ingest ingest();

    /** Uploads through the REST API. */
    Upload upload();

    /** The pgvector tables. */
    Store store();

    /** Retrieval and reranking. */
    Retrieval retrieval();

    /** The optional OpenAI-compatible chat model that writes answers. */
    Chat chat();

    /** Bounds on waiting work: overload gives 429/503 with {@code Retry-After}, never an unbounded queue. */
    Limits limits();

    /** Credentials of the API; without keys everything is open (and the server listens on loopback only). */
    Security security();

    /** Limits on concurrent and waiting requests. */
    interface Limits {

        /** {@code /api/ask} requests computed at once (they share the models' batches). */
        @WithDefault("4")
        int askConcurrency();

        /** {@code /api/ask} requests waiting for a turn; one more gets 429. */
        @WithDefault("16")
        int askQueue();

        /** {@code /api/chat} requests computed at once. */
        @WithDefault("4")
        int chatConcurrency();

        /** {@code /api/chat} requests waiting for a turn; one more gets 429. */
        @WithDefault("16")
        int chatQueue();

        /**
         * Deadline of an ask or chat request: past it the request gets 503 and its work is stopped (a question still
         * waiting for the models is dropped before it costs a forward pass).
         */
        @WithDefault("60s")
        Duration requestTimeout();

        /** Files queued for ingestion (uploads, re-indexing) at most; an upload beyond gets 429. */
        @WithDefault("200")
        int ingestQueue();

        /** The {@code Retry-After} of a 429 or 503. */
        @WithDefault("5s")
        Duration retryAfter();
    }

    /** API keys. */
    interface Security {

        /**
         * Keys of role {@code editor}: may call everything, including the write endpoints (upload, delete, re-index,
         * retry). When set, the write endpoints need one of them.
         */
        Optional<List<String>> editorKeys();

        /** Keys of role {@code reader}: may call the read endpoints when {@code protect-reads} is on. */
        Optional<List<String>> readerKeys();

        /** Whether the read endpoints ({@code /api/*}: ask, chat, lists, media) need a key too. */
        @WithDefault("false")
        boolean protectReads();
    }

    /** Ingestion settings. */
    interface Ingest {

        /** A folder whose supported files (recursively) are ingested at startup; none by default. */
        Optional<Path> folder();

        /** Most characters of a text chunk (LangChain4j splitters). */
        @WithDefault("1000")
        int chunkSize();

        /** Characters shared by consecutive text chunks. */
        @WithDefault("100")
        int chunkOverlap();

        /** Resolution at which PDF pages are rendered to images. */
        @WithDefault("96")
        int pdfDpi();

        /** Chunks embedded per embedding call (progress is reported after each). */
        @WithDefault("4")
        int embedBatchSize();

        /** Retries of the database steps of a document while the database is unreachable. */
        Retry retry();
    }

    /** Retries of database work. */
    interface Retry {

        /** Attempts in all, the first included. */
        @WithDefault("10")
        int maxAttempts();

        /** Wait before the second attempt; doubled after every further failure. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** Upload settings. */
    interface Upload {

        /** Largest file accepted by {@code POST /api/documents}; larger ones get 413. */
        @WithDefault("50M")
        MemorySize maxFileSize();
    }

    /** Store settings. */
    interface Store {

        /**
         * Prefix of the tables: chunks go to {@code <prefix>_<dimension>}, the ingested documents to
         * {@code <prefix>_<dimension>_documents}.
         */
        @WithDefault("rag_chunks")
        String tablePrefix();

        /** HNSW {@code ef_search} of the searches. */
        @WithDefault("100")
        int efSearch();

        /** Whether to run {@code CREATE EXTENSION IF NOT EXISTS vector} (needs the privilege). */
        @WithDefault("true")
        boolean createExtension();

        /**
         * How requests are searched unless they say: {@code hybrid} (full-text and vector rankings fused by
         * reciprocal rank, which finds exact codes and names) or {@code vector}.
         */
        @WithDefault("hybrid")
        SearchMode searchMode();

        /** PostgreSQL text search configuration of hybrid search, e.g. {@code english} or {@code simple}. */
        @WithDefault("english")
        String textSearchConfig();
    }

    /** Retrieval settings. */
    interface Retrieval {

        /**
         * Candidates taken from pgvector when a request does not say. Each is scored by the reranker, with its image or
         * video: on a CPU this is most of a request's time.
         */
        @WithDefault("10")
        int topK();

        /** Passages kept after reranking when a request does not say. */
        @WithDefault("4")
        int topN();

        /** Largest top-k a request may ask for. */
        @WithDefault("100")
        int maxTopK();

        /**
         * Reranker score below which the best passage counts as not relevant: the answer then comes with the notice
         * "nothing relevant found".
         */
        @WithDefault("0.5")
        double minRerankScore();

        /**
         * Most candidates scored by the reranker per request, in vector order; candidates beyond the budget keep
         * their vector order after the reranked ones. Scoring a page image or video clip is the expensive part of a
         * request on a CPU (the first time: later questions reuse its vision features from the scoring model's
         * vision cache, {@code quarkus.qwen3vl.scoring.vision-cache}).
         */
        @WithDefault("10")
        int rerankMaxCandidates();

        /**
         * Most tokens (query, passage text, image and video tokens) scored by the reranker per request; the
         * candidate that would pass it and those after it are not reranked. The first candidate is always reranked.
         * {@code 0}: no token budget.
         */
        @WithDefault("16384")
        int rerankMaxTokens();
    }

    /** Chat model settings; without {@code base-url} the application answers extractively. */
    interface Chat {

        /**
         * Base URL of an OpenAI-compatible API, e.g. {@code http://localhost:11434/v1} for Ollama. Without it no chat
         * model is used.
         */
        Optional<String> baseUrl();

        /** API key sent as bearer token (Ollama ignores it). */
        @WithDefault("none")
        String apiKey();

        /** Model name, e.g. {@code llama3.2} or {@code gpt-4o-mini}. */
        @WithDefault("llama3.2")
        String modelName();

        /** Timeout of one completion. */
        @WithDefault("120s")
        Duration timeout();

        /** Sampling temperature; the server's default when absent. */
        Optional<Double> temperature();

        /** Messages (user and assistant) of a conversation that the chat model sees. */
        @WithDefault("10")
        int memoryMessages();

        /**
         * Prefix of the conversation tables: {@code <prefix>_conversations}, {@code <prefix>_turns} and the chat
         * memory {@code <prefix>_memory}.
         */
        @WithDefault("rag_chat")
        String tablePrefix();

        /**
         * Whether the chat model accepts images (OpenAI-compatible {@code image_url} content parts): then the page
         * images, pictures and sampled video frames of the best passages go to it with their text.
         */
        @WithDefault("false")
        boolean vision();

        /** Most images sent with one question when {@code vision} is on. */
        @WithDefault("6")
        int maxImages();

        /** Frames sampled from a video passage when {@code vision} is on. */
        @WithDefault("4")
        int videoFrames();

        /** Longest side of an image sent to the chat model, in pixels (larger ones are scaled down). */
        @WithDefault("1024")
        int imageMaxSide();
    }
}
