package dev.qwen3vl.demo.api;

import dev.qwen3vl.demo.media.MediaStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/media/{id}}: thumbnails, rendered PDF pages, original images and videos. */
@Path("/api/media")
@Tag(name = "Media", description = "Thumbnails, page images, images and videos of the ingested documents")
public class MediaResource {

    @Inject
    MediaStore media;

    /**
     * @param id a media id as found in the sources of an answer
     * @return the file; media ids name immutable content, so it may be cached for long
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "A media file")
    public Response get(@PathParam("id") String id) {
        java.nio.file.Path file = media.find(id)
                .orElseThrow(() -> ApiException.notFound("No media file '" + id + "'"));
        return Response.ok(file.toFile(), MediaStore.contentType(id))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .build();
    }
}
