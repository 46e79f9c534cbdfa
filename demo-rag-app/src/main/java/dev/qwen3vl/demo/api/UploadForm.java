package dev.qwen3vl.demo.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The multipart form of {@code POST /api/documents}: one or more files in the field {@code file}. */
public class UploadForm {

    /** The uploaded files. */
    @RestForm("file")
    @Schema(type = SchemaType.ARRAY, implementation = String.class, format = "binary",
            description = "Text, Markdown, PDF, image (png, jpg, webp, gif, bmp) or video (mp4, webm, mov, avi) files")
    public List<FileUpload> file;
}
