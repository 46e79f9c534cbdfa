package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.ingest.DocumentLibrary;
import dev.qwen3vl.demo.ingest.FileKind;
import dev.qwen3vl.demo.ingest.FileSniffer;
import dev.qwen3vl.demo.ingest.Hashing;
import dev.qwen3vl.demo.ingest.IngestionJob;
import dev.qwen3vl.demo.ingest.IngestionService;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.store.IngestedDocument;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code /api/documents}: upload files for ingestion; list, delete and re-index the ingested documents. */
@Path("/api/documents")
@Tag(name = "Documents", description = "Upload, list, delete and re-index documents")
public class DocumentResource {

    private static final String SHA256 = "[0-9a-f]{64}";

    @Inject
    IngestionService ingestion;

    @Inject
    MediaStore media;

    @Inject
    DocumentLibrary library;

    @Inject
    DemoConfig config;

    /**
     * Checks every file (size, type, content signature), stores it under the data folder and queues its ingestion.
     * Either all files of the request are accepted or none.
     *
     * @param form the files
     * @return 202 with one ingestion job per file; follow them at {@code /api/ingestion}
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload documents",
            description = "Text, Markdown, PDF, images and short videos. Ingestion runs in the background; a file "
                    + "whose content was ingested before adds nothing.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = UploadResponse.class)))
    @APIResponse(responseCode = "400", description = "No file, or an empty file",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "A file is larger than demo.upload.max-file-size",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "The ingestion queue is full (demo.limits.ingest-queue); retry"
            + " after Retry-After seconds", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Unsupported file type, or content that does not match it",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response upload(UploadForm form) {
        if (form == null || form.file == null || form.file.isEmpty()) {
            throw ApiException.badRequest("No file: send the files as multipart/form-data in the field 'file'");
        }
        long max = config.upload().maxFileSize().asLongValue();
        List<FileKind> kinds = new ArrayList<>();
        for (FileUpload upload : form.file) {
            String name = upload.fileName() == null || upload.fileName().isBlank() ? "(unnamed)" : upload.fileName();
            if (upload.size() > max) {
                throw new ApiException(413, "payload_too_large", "'" + name + "' has " + upload.size()
                        + " bytes; the limit is " + max + " bytes (demo.upload.max-file-size)");
            }
            if (upload.size() == 0) {
                throw ApiException.badRequest("'" + name + "' is empty");
            }
            kinds.add(FileSniffer.kindOf(upload.uploadedFile(), name));
        }
        ingestion.requireRoom(form.file.size());
        List<IngestionJob.View> jobs = new ArrayList<>();
        for (int i = 0; i < form.file.size(); i++) {
            FileUpload upload = form.file.get(i);
            String sha256 = Hashing.sha256(upload.uploadedFile());
            String name = MediaStore.safeFileName(upload.fileName());
            java.nio.file.Path stored = media.storeUpload(sha256, name, upload.uploadedFile());
            jobs.add(ingestion.submitUpload(stored, name, sha256, kinds.get(i), size(stored)).view());
        }
        return Response.accepted(new UploadResponse(jobs)).build();
    }

    /**
     * @return the completely ingested documents, most recent first
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List ingested documents")
    @APIResponse(responseCode = "503", description = "The database is unreachable",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<IngestedDocument> list() {
        return library.list();
    }

    /**
     * Deletes a document: its chunks, its record and its files (media, upload). A document of the ingestion folder
     * is not ingested again at the next start; uploading it again adds it again.
     *
     * @param sha256 the document's content hash
     * @return what was removed
     */
    @DELETE
    @Path("/{sha256: " + SHA256 + "}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete a document (its chunks, record and files)")
    @APIResponse(responseCode = "200", description = "Deleted",
            content = @Content(schema = @Schema(implementation = DocumentLibrary.Deletion.class)))
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DocumentLibrary.Deletion delete(@PathParam("sha256") String sha256) {
        return library.delete(sha256).orElseThrow(() -> ApiException.notFound("No ingested document " + sha256));
    }

    /**
     * Extracts, embeds and stores a document again from its file.
     *
     * @param sha256 the document's content hash
     * @return 202 with the ingestion job
     */
    @POST
    @Path("/{sha256: " + SHA256 + "}/reindex")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-index a document")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = IngestionJob.View.class)))
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The document's file is gone",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response reindex(@PathParam("sha256") String sha256) {
        ingestion.requireRoom(1);
        try {
            IngestionJob job = library.reindex(sha256)
                    .orElseThrow(() -> ApiException.notFound("No ingested document " + sha256));
            return Response.accepted(job.view()).build();
        } catch (IllegalStateException e) {
            throw new ApiException(409, "conflict", e.getMessage());
        }
    }

    /**
     * Re-indexes every document with the configured embedding model, e.g. after a model change: empties the tables
     * and ingests the ingestion folder and the stored uploads again. Deleted documents stay deleted.
     *
     * @return 202; follow the jobs at {@code /api/ingestion}
     */
    @POST
    @Path("/reindex")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-index every document (after a change of the embedding model)")
    @APIResponse(responseCode = "202", description = "Queued")
    public Response reindexAll() {
        library.reindexAll();
        return Response.accepted(Map.of("message", "Re-indexing every document; follow the jobs at /api/ingestion"))
                .build();
    }

    private static long size(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
