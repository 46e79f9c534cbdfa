package dev.qwen3vl.demo.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decides the {@link FileKind} of a file from its name and checks that its first bytes fit: a PDF header, an image
 * signature (PNG, JPEG, GIF, BMP, WebP), a video container (ISO BMFF/QuickTime, Matroska/WebM, AVI), or UTF-8 text
 * without NUL bytes.
 */
public final class FileSniffer {

    private static final int HEAD = 4096;

    private FileSniffer() {
    }

    /**
     * @param file the file's content
     * @param name the file's name as given by the user
     * @return its kind
     * @throws UnsupportedFileException if the extension is not supported or the content does not fit it
     */
    public static FileKind kindOf(Path file, String name) {
        FileKind kind = FileKind.of(name).orElseThrow(() -> new UnsupportedFileException("Unsupported file type '"
                + (FileKind.extension(name).isEmpty() ? "(no extension)" : "." + FileKind.extension(name))
                + "' of '" + name + "'; supported: " + String.join(", ", FileKind.supportedExtensions())));
        byte[] head = head(file);
        String problem = switch (kind) {
            case PDF -> startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII)) ? null : "is not a PDF "
                    + "(it does not start with %PDF-)";
            case IMAGE -> isImage(head) ? null : "is not a PNG, JPEG, GIF, BMP or WebP image (unknown signature)";
            case VIDEO -> isVideo(head) ? null : "is not an MP4, MOV, WebM or AVI video (unknown container signature)";
            case TEXT, MARKDOWN -> isUtf8Text(file) ? null : "is not UTF-8 text";
        };
        if (problem != null) {
            throw new UnsupportedFileException("The content of '" + name + "' " + problem);
        }
        return kind;
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static boolean isImage(byte[] h) {
        return startsWith(h, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                || startsWith(h, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})
                || startsWith(h, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(h, "GIF89a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(h, new byte[] {'B', 'M'})
                || riff(h, "WEBP");
    }

    private static boolean isVideo(byte[] h) {
        if (h.length >= 8) {
            String box = new String(h, 4, 4, StandardCharsets.US_ASCII);
            if (box.equals("ftyp") || box.equals("moov") || box.equals("mdat") || box.equals("wide")
                    || box.equals("free") || box.equals("skip")) {
                return true;
            }
        }
        return startsWith(h, new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3}) || riff(h, "AVI ");
    }

    private static boolean riff(byte[] h, String form) {
        return h.length >= 12 && startsWith(h, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && new String(h, 8, 4, StandardCharsets.US_ASCII).equals(form);
    }

    private static boolean isUtf8Text(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return false;
                }
            }
            decoder.decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
