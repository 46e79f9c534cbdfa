package dev.qwen3vl.input.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.util.NativeLibraries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads selected frames of a local video file with FFmpeg (the bytedeco binding), numbering frames and
 * reporting the frame rate the way the reference's reader (decord) does: the frame count is the number of
 * packets of the best video stream, frame {@code i} is the one with the {@code i}-th smallest presentation
 * timestamp, and the frame rate is the stream's average frame rate.
 *
 * <p>{@link #decode(int[])} seeks to the key frame before each wanted frame, decodes forward and converts only
 * the wanted frames to RGB (8 bits per channel, with the colour matrix and range the stream declares). Files
 * whose frames have no distinct timestamps are decoded from the start, counting frames.
 *
 * <p>Only the local file is read: FFmpeg may open no other protocol (a playlist cannot make it fetch a URL).
 * An instance holds native resources until {@link #close()}; it is not thread-safe.
 */
public final class VideoFileDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoFileDecoder.class);
    private static final int ROW_ALIGN = 64;
    /**
     * Most pixels per frame a file may declare (8K UHD): a decoded frame is held as RGB plus the codec's own
     * buffers, so a header claiming 16384x16384 would cost gigabytes before the first frame is checked.
     */
    public static final long MAX_FRAME_PIXELS = 7680L * 4320;

    private static volatile boolean ffmpegReady;

    private final Path file;
    private final FrameIndex index;
    private final double fps;
    private final int width;
    private final int height;
    private final String codecName;
    private Session session;
    private SwsContext sws;
    /** Index of the next frame the decoder will output, or −1 if unknown (after a seek). */
    private int next;
    /** False once seeking proved unreliable for this file: frames are then decoded from the start. */
    private boolean seekable;
    private boolean draining;
    /** Frames decoded so far, wanted or not. */
    private long decodedFrames;

    private VideoFileDecoder(Path file, FrameIndex index, double fps, Session session) {
        this.file = file;
        this.index = index;
        this.fps = fps;
        this.session = session;
        AVCodecParameters par = session.stream().codecpar();
        this.width = par.width();
        this.height = par.height();
        this.codecName = avcodec_get_name(par.codec_id()).getString();
        this.next = 0;
        this.seekable = index.timestamped();
    }

    /**
     * Opens a video file and indexes its frames (reads every packet of the file once, without decoding).
     *
     * @throws VideoDecodingException if the file is missing, empty, not a video FFmpeg can decode, or has no
     *     frames
     */
    public static VideoFileDecoder open(Path file) {
        loadFfmpeg();
        checkFile(file);
        FrameIndex index;
        double fps;
        try (Session probe = Session.open(file, false)) {
            index = probe.index();
            fps = probe.frameRate();
        }
        if (index.frameCount() == 0) {
            throw new VideoDecodingException(file, "the video stream has no frames");
        }
        Session session = Session.open(file, true);
        try {
            VideoFileDecoder decoder = new VideoFileDecoder(file, index, fps, session);
            if (decoder.width <= 0 || decoder.height <= 0) {
                throw new VideoDecodingException(file, "the video stream has no picture size");
            }
            if ((long) decoder.width * decoder.height > MAX_FRAME_PIXELS) {
                throw new VideoDecodingException(file, "the video's frames are " + decoder.width + "x"
                        + decoder.height + " pixels; the limit is " + MAX_FRAME_PIXELS + " pixels per frame"
                        + " (7680x4320, 8K UHD)");
            }
            LOG.debug("{}: {} frames at {} fps, {}x{} {}", file, index.frameCount(), fps, decoder.width,
                    decoder.height, decoder.codecName);
            return decoder;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Number of frames (packets of the video stream, as decord's {@code len(reader)}). */
    public int frameCount() {
        return index.frameCount();
    }

    /** Average frame rate of the video stream (decord's {@code get_avg_fps()}). */
    public double fps() {
        return fps;
    }

    /** Frame width in pixels. */
    public int width() {
        return width;
    }

    /** Frame height in pixels. */
    public int height() {
        return height;
    }

    /** FFmpeg's name of the video codec, e.g. {@code h264}. */
    public String codecName() {
        return codecName;
    }

    /**
     * The frames at {@code indices} as RGB images, in the order asked (an index may repeat).
     *
     * @throws IllegalArgumentException if an index is outside [0, {@link #frameCount()})
     * @throws VideoDecodingException if a frame cannot be decoded
     * @throws IllegalStateException if the decoder is closed
     */
    public List<RgbImage> decode(int[] indices) {
        if (session == null) {
            throw new IllegalStateException("The decoder of " + file + " is closed");
        }
        for (int i : indices) {
            if (i < 0 || i >= index.frameCount()) {
                throw new IllegalArgumentException("Frame index " + i + " is outside [0, " + index.frameCount()
                        + ") for " + file);
            }
        }
        int[] targets = Arrays.stream(indices).sorted().distinct().toArray();
        RgbImage[] decoded = new RgbImage[targets.length];
        for (int k = 0; k < targets.length; k++) {
            decoded[k] = decodeFrame(targets[k]);
        }
        List<RgbImage> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(decoded[Arrays.binarySearch(targets, i)]);
        }
        LOG.debug("{}: {} frames decoded so far, {} converted in this call", file, decodedFrames, targets.length);
        return out;
    }

    /** Frames the decoder has decoded so far, including those skipped on the way to a wanted one. */
    long decodedFrames() {
        return decodedFrames;
    }

    /** Releases the native resources; further calls do nothing. */
    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private RgbImage decodeFrame(int target) {
        if (seekable) {
            int key = index.keyFrameAtOrBefore(target);
            if (next < 0 || next > target || key > next) {
                seek(key);
            }
        } else if (next < 0 || next > target) {
            rewind();
        }
        while (true) {
            if (!receive()) {
                throw new VideoDecodingException(file, "frame " + target + " of " + index.frameCount()
                        + " could not be decoded (the stream ended before it)");
            }
            int at = identify();
            if (at == target) {
                next = at + 1;
                return toRgb();
            }
            if (at < 0 || at > target) {
                if (!seekable) {
                    throw new VideoDecodingException(file, "frame " + target + " of " + index.frameCount()
                            + " could not be decoded (frames are missing before it)");
                }
                // the seek did not land where the index says: decode this file from its start
                LOG.debug("{}: seek for frame {} landed on frame {}; decoding from the start", file, target, at);
                seekable = false;
                rewind();
            } else {
                next = at + 1;
            }
        }
    }

    /** The index of the frame just decoded: by its timestamp, else by counting; −1 if neither is known. */
    private int identify() {
        long ts = session.frame.best_effort_timestamp();
        int at = ts == AV_NOPTS_VALUE ? -1 : index.frameAt(ts);
        return at >= 0 ? at : next;
    }

    private void seek(int keyFrame) {
        int ret = av_seek_frame(session.format, session.streamIndex, index.timestamp(keyFrame), AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            LOG.debug("{}: seeking failed ({}); decoding from the start", file, errorText(ret));
            seekable = false;
            rewind();
            return;
        }
        avcodec_flush_buffers(session.codec);
        draining = false;
        next = -1;
    }

    /** Back to the first frame by opening the file again (works for every container). */
    private void rewind() {
        session.close();
        session = null;
        session = Session.open(file, true);
        draining = false;
        next = 0;
    }

    /** Decodes the next frame into {@code session.frame}; false at the end of the stream. */
    private boolean receive() {
        AVCodecContext codec = session.codec;
        AVPacket packet = session.packet;
        while (true) {
            int ret = avcodec_receive_frame(codec, session.frame);
            if (ret >= 0) {
                decodedFrames++;
                return true;
            }
            if (ret == AVERROR_EOF() || draining) {
                return false;
            }
            if (ret != AVERROR_EAGAIN()) {
                throw new VideoDecodingException(file, "decoding failed (" + errorText(ret) + ")");
            }
            ret = av_read_frame(session.format, packet);
            if (ret < 0) {
                if (ret != AVERROR_EOF()) {
                    LOG.warn("{}: reading stopped before the end of the file ({})", file, errorText(ret));
                }
                avcodec_send_packet(codec, null);
                draining = true;
                continue;
            }
            if (packet.stream_index() == session.streamIndex) {
                int sent = avcodec_send_packet(codec, packet);
                if (sent < 0) {
                    LOG.debug("{}: a packet does not decode ({})", file, errorText(sent));
                }
            }
            av_packet_unref(packet);
        }
    }

    /** The decoded frame converted to RGB24 with the colour matrix and range the stream declares. */
    private RgbImage toRgb() {
        AVFrame frame = session.frame;
        int w = frame.width();
        int h = frame.height();
        int format = frame.format();
        sws = sws_getCachedContext(sws, w, h, format, w, h, AV_PIX_FMT_RGB24, SWS_BICUBIC, null, null,
                (DoublePointer) null);
        if (sws == null) {
            throw new VideoDecodingException(file, "no conversion from pixel format " + format + " to RGB");
        }
        boolean fullRange = frame.color_range() == AVCOL_RANGE_JPEG || isJpegFormat(format);
        IntPointer matrix = sws_getCoefficients(frame.colorspace());
        sws_setColorspaceDetails(sws, matrix, fullRange ? 1 : 0, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
                1 << 16, 1 << 16);
        int stride = (w * 3 + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        byte[] rgb = new byte[w * h * 3];
        try (BytePointer buffer = new BytePointer((long) stride * h + ROW_ALIGN);
                PointerPointer<BytePointer> planes = new PointerPointer<>(1);
                IntPointer strides = new IntPointer(1)) {
            planes.put(0, buffer);
            strides.put(0, stride);
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, strides);
            for (int y = 0; y < h; y++) {
                buffer.position((long) y * stride).get(rgb, y * w * 3, w * 3);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static boolean isJpegFormat(int format) {
        return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P
                || format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUVJ411P;
    }

    // loads FFmpeg once (a clear error without its native libraries); FFmpeg logs to stderr: unless the application
    // chose a level, keep only errors (failures reach the caller as exceptions anyway)
    private static void loadFfmpeg() {
        if (!ffmpegReady) {
            synchronized (VideoFileDecoder.class) {
                if (!ffmpegReady) {
                    NativeLibraries.requireFfmpeg();
                    if (av_log_get_level() == AV_LOG_INFO) {
                        av_log_set_level(AV_LOG_ERROR);
                    }
                    ffmpegReady = true;
                }
            }
        }
    }

    private static void checkFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VideoDecodingException(file, "no such file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new VideoDecodingException(file, "the file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new VideoDecodingException(file, "the file cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String errorText(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8) + ", code " + code;
    }

    /** The native state of one opened file: container, best video stream, and optionally its decoder. */
    private static final class Session implements AutoCloseable {

        private final Path file;
        private AVFormatContext format;
        private int streamIndex;
        private AVCodecContext codec;
        private AVPacket packet;
        private AVFrame frame;

        private Session(Path file, AVFormatContext format) {
            this.file = file;
            this.format = format;
        }

        static Session open(Path file, boolean withDecoder) {
            AVFormatContext format = new AVFormatContext(null);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "protocol_whitelist", "file", 0);
            int ret;
            try {
                ret = avformat_open_input(format, "file:" + file.toAbsolutePath(), null, options);
            } finally {
                av_dict_free(options);
            }
            if (ret < 0) {
                throw new VideoDecodingException(file, "not a video FFmpeg can read (" + errorText(ret) + ")");
            }
            Session s = new Session(file, format);
            try {
                // before find_stream_info, which decodes frames of the declared size
                s.checkDeclaredFrameSizes();
                ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
                if (ret < 0) {
                    throw new VideoDecodingException(file, "no stream information (" + errorText(ret) + ")");
                }
                s.streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
                if (s.streamIndex < 0) {
                    throw new VideoDecodingException(file, "the file has no video stream");
                }
                s.packet = av_packet_alloc();
                if (withDecoder) {
                    s.openDecoder();
                }
                return s;
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }

        AVStream stream() {
            return format.streams(streamIndex);
        }

        /** Refuses a file whose container declares a video stream with frames over {@link #MAX_FRAME_PIXELS}. */
        private void checkDeclaredFrameSizes() {
            for (int i = 0; i < format.nb_streams(); i++) {
                AVCodecParameters par = format.streams(i).codecpar();
                if (par.codec_type() == AVMEDIA_TYPE_VIDEO && (long) par.width() * par.height() > MAX_FRAME_PIXELS) {
                    throw new VideoDecodingException(file, "the video's frames are " + par.width() + "x"
                            + par.height() + " pixels; the limit is " + MAX_FRAME_PIXELS + " pixels per frame"
                            + " (7680x4320, 8K UHD)");
                }
            }
        }

        private void openDecoder() {
            AVCodecParameters par = stream().codecpar();
            AVCodec decoder = avcodec_find_decoder(par.codec_id());
            if (decoder == null) {
                throw new VideoDecodingException(file,
                        "no decoder for codec " + avcodec_get_name(par.codec_id()).getString());
            }
            codec = avcodec_alloc_context3(decoder);
            int ret = avcodec_parameters_to_context(codec, par);
            if (ret >= 0) {
                codec.pkt_timebase(stream().time_base());
                // the decoder refuses frames over the limit even where the container declared a small size
                codec.max_pixels(MAX_FRAME_PIXELS);
                ret = avcodec_open2(codec, decoder, (PointerPointer<?>) null);
            }
            if (ret < 0) {
                throw new VideoDecodingException(file, "the decoder does not open (" + errorText(ret) + ")");
            }
            frame = av_frame_alloc();
        }

        /** Reads every packet once and indexes those of the video stream. */
        FrameIndex index() {
            long[] timestamps = new long[1024];
            boolean[] key = new boolean[1024];
            int count = 0;
            int ret;
            while ((ret = av_read_frame(format, packet)) >= 0) {
                if (packet.stream_index() == streamIndex) {
                    if (count == timestamps.length) {
                        timestamps = Arrays.copyOf(timestamps, count * 2);
                        key = Arrays.copyOf(key, count * 2);
                    }
                    timestamps[count] = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    key[count] = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    count++;
                }
                av_packet_unref(packet);
            }
            if (ret != AVERROR_EOF()) {
                LOG.warn("{}: reading stopped before the end of the file ({}) after {} video packets", file,
                        errorText(ret), count);
            }
            return FrameIndex.of(timestamps, key, count, AV_NOPTS_VALUE);
        }

        /** The stream's average frame rate, else its base frame rate. */
        double frameRate() {
            AVStream st = stream();
            double fps = rate(st.avg_frame_rate());
            if (!(fps > 0) || Double.isInfinite(fps)) {
                fps = rate(st.r_frame_rate());
            }
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new VideoDecodingException(file, "the video stream has no frame rate");
            }
            return fps;
        }

        private static double rate(AVRational r) {
            return r.den() == 0 ? Double.NaN : (double) r.num() / r.den();
        }

        @Override
        public void close() {
            if (frame != null) {
                av_frame_free(frame);
                frame = null;
            }
            if (packet != null) {
                av_packet_free(packet);
                packet = null;
            }
            if (codec != null) {
                avcodec_free_context(codec);
                codec = null;
            }
            if (format != null) {
                avformat_close_input(format);
                format = null;
            }
        }
    }
}
