package dev.qwen3vl.demo.corpus;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Draws the binary files of the demo corpus (folder {@code corpus/}) about the invented Verrow Island: a three-page
 * ferry timetable PDF (PDFBox), a harbour map and an export chart (Java2D PNGs), and a three-second video of the
 * island's lighthouse (Java2D frames encoded to H.264 MP4 with FFmpeg through JavaCV). The texts of the corpus are
 * written by hand. {@code DemoCorpusTest} runs this generator and compares its output with the committed files.
 */
public final class DemoCorpusGenerator {

    /** The timetable PDF. */
    public static final String PDF = "ferry-timetable.pdf";
    /** The harbour map. */
    public static final String MAP = "harbour-map.png";
    /** The export chart. */
    public static final String CHART = "kelp-glass-exports.png";
    /** The lighthouse video. */
    public static final String VIDEO = "skerrow-light.mp4";
    /** Video size and length. */
    public static final int VIDEO_WIDTH = 320;
    /** Video height. */
    public static final int VIDEO_HEIGHT = 240;
    /** Video frame rate. */
    public static final int VIDEO_FPS = 10;
    /** Video frames (3 s). */
    public static final int VIDEO_FRAMES = 30;

    private static final Color SEA = new Color(0x1d, 0x5f, 0x8a);
    private static final Color LAND = new Color(0x8f, 0xb3, 0x6e);
    private static final Color INK = new Color(0x1f, 0x2a, 0x33);

    private DemoCorpusGenerator() {
    }

    /**
     * Writes the four generated files into a folder.
     *
     * @param folder the target folder (created if needed)
     * @throws IOException if a file cannot be written
     */
    public static void writeAll(Path folder) throws IOException {
        Files.createDirectories(folder);
        timetablePdf(folder.resolve(PDF));
        ImageIO.write(harbourMap(), "png", folder.resolve(MAP).toFile());
        ImageIO.write(exportChart(), "png", folder.resolve(CHART).toFile());
        lighthouseVideo(folder.resolve(VIDEO));
    }

    /**
     * Writes the corpus files into the folder given as the first argument.
     *
     * @param args the target folder
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        writeAll(Path.of(args.length > 0 ? args[0] : "corpus"));
    }

    // ---- PDF --------------------------------------------------------------------------------------------------------

    private static void timetablePdf(Path file) throws IOException {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument pdf = new PDDocument()) {
            PDPage routes = new PDPage(PDRectangle.A4);
            pdf.addPage(routes);
            try (PDPageContentStream s = new PDPageContentStream(pdf, routes)) {
                heading(s, bold, "Verrow Ferry Cooperative", "Saltmere - Port Verrow: the route");
                paragraph(s, regular, 11, 60, 700, List.of(
                        "The motor ferry Gannet links the mainland port of Saltmere with Port Verrow on Verrow",
                        "Island (an invented island). The crossing is 38 kilometres and takes 1 hour 50 minutes.",
                        "The Gannet carries 180 passengers, 24 cars and any number of bicycles.",
                        "",
                        "Check-in closes 20 minutes before departure. Cars must be at the quay 40 minutes",
                        "before departure. In storms (forecast wind above force 8) crossings are cancelled;",
                        "cancellations are posted at the harbour master's office by 6:00."));
                routeDrawing(s, regular, bold);
            }
            PDPage timetable = new PDPage(PDRectangle.A4);
            pdf.addPage(timetable);
            try (PDPageContentStream s = new PDPageContentStream(pdf, timetable)) {
                heading(s, bold, "Timetable 2025", "Daily departures (summer: 1 May to 30 September)");
                table(s, regular, bold, 700, new String[] {"From Saltmere", "From Port Verrow", "Days"},
                        new String[][] {
                            {"06:40", "09:00", "Monday to Saturday"},
                            {"11:30", "14:00", "every day"},
                            {"16:20", "18:45", "every day"},
                            {"-", "23:30", "Lantern Tide night only (first Saturday of October)"}});
                paragraph(s, bold, 12, 60, 540, List.of("Winter (1 October to 30 April)"));
                table(s, regular, bold, 515, new String[] {"From Saltmere", "From Port Verrow", "Days"},
                        new String[][] {
                            {"08:15", "13:30", "Monday, Wednesday, Friday"},
                            {"10:00", "15:00", "Sunday"}});
                paragraph(s, regular, 11, 60, 400, List.of(
                        "The first ferry of the day leaves Saltmere at 06:40 (summer, Monday to Saturday).",
                        "On Sundays in summer the first crossing is the 11:30 from Saltmere."));
            }
            PDPage fares = new PDPage(PDRectangle.A4);
            pdf.addPage(fares);
            try (PDPageContentStream s = new PDPageContentStream(pdf, fares)) {
                heading(s, bold, "Fares and rules", "Single crossing, either direction");
                table(s, regular, bold, 700, new String[] {"Ticket", "Price", "Note"},
                        new String[][] {
                            {"Adult", "24.50 EUR", "return ticket 44.00 EUR"},
                            {"Child (4 to 15)", "12.00 EUR", "under 4 travel free"},
                            {"Island resident", "9.00 EUR", "with resident card"},
                            {"Bicycle", "6.00 EUR", ""},
                            {"Car with driver", "68.00 EUR", "book at least two days ahead"}});
                paragraph(s, regular, 11, 60, 540, List.of(
                        "Dogs travel free on the open deck; they are not allowed in the lounge.",
                        "Kelp glass bought on the island must be packed in the cooperative's padded boxes,",
                        "sold at the ticket office for 3.00 EUR.",
                        "Lost property is kept at the harbour master's office in Port Verrow for 30 days."));
            }
            pdf.save(file.toFile());
        }
    }

    private static void heading(PDPageContentStream s, PDType1Font bold, String title, String subtitle)
            throws IOException {
        s.setNonStrokingColor(SEA);
        s.addRect(0, 770, PDRectangle.A4.getWidth(), 72);
        s.fill();
        s.setNonStrokingColor(Color.WHITE);
        text(s, bold, 22, 60, 805, title);
        text(s, bold, 12, 60, 782, subtitle);
        s.setNonStrokingColor(Color.BLACK);
    }

    private static void paragraph(PDPageContentStream s, PDType1Font font, float size, float x, float y,
                                  List<String> lines) throws IOException {
        float leading = size * 1.45f;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                text(s, font, size, x, y - i * leading, lines.get(i));
            }
        }
    }

    private static void text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }

    private static void table(PDPageContentStream s, PDType1Font regular, PDType1Font bold, float top,
                              String[] header, String[][] rows) throws IOException {
        float[] x = {60, 190, 320};
        float row = 22;
        s.setNonStrokingColor(new Color(0xdd, 0xe8, 0xf0));
        s.addRect(55, top - 7, 480, row);
        s.fill();
        s.setNonStrokingColor(Color.BLACK);
        for (int c = 0; c < header.length; c++) {
            text(s, bold, 11, x[c], top, header[c]);
        }
        for (int r = 0; r < rows.length; r++) {
            float y = top - (r + 1) * row;
            for (int c = 0; c < rows[r].length; c++) {
                text(s, regular, 11, x[c], y, rows[r][c]);
            }
        }
        s.setStrokingColor(Color.GRAY);
        s.setLineWidth(0.5f);
        s.moveTo(55, top - rows.length * row - 8);
        s.lineTo(535, top - rows.length * row - 8);
        s.stroke();
    }

    private static void routeDrawing(PDPageContentStream s, PDType1Font regular, PDType1Font bold)
            throws IOException {
        s.setNonStrokingColor(new Color(0xcf, 0xe3, 0xf1));
        s.addRect(60, 260, 475, 300);
        s.fill();
        s.setNonStrokingColor(LAND);
        s.addRect(60, 260, 90, 300);
        s.fill();
        s.moveTo(400, 330);
        s.curveTo(470, 300, 520, 380, 505, 450);
        s.curveTo(490, 520, 420, 530, 390, 480);
        s.curveTo(360, 430, 350, 350, 400, 330);
        s.fill();
        s.setStrokingColor(INK);
        s.setLineWidth(2);
        s.setLineDashPattern(new float[] {6, 4}, 0);
        s.moveTo(150, 410);
        s.lineTo(385, 420);
        s.stroke();
        s.setLineDashPattern(new float[] {}, 0);
        s.setNonStrokingColor(INK);
        text(s, bold, 12, 70, 420, "Saltmere");
        text(s, bold, 12, 400, 415, "Port Verrow");
        text(s, regular, 10, 220, 425, "38 km, 1 h 50 min");
        text(s, regular, 10, 410, 470, "Verrow Island");
        text(s, regular, 9, 70, 270, "Mainland");
    }

    // ---- PNG images -------------------------------------------------------------------------------------------------

    private static BufferedImage harbourMap() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        try {
            g.setPaint(new GradientPaint(0, 0, SEA.brighter(), 0, 480, SEA));
            g.fillRect(0, 0, 640, 480);
            Polygon island = new Polygon(
                    new int[] {150, 260, 390, 500, 560, 540, 470, 380, 270, 170, 120},
                    new int[] {140, 80, 70, 110, 200, 320, 400, 420, 400, 330, 230}, 11);
            g.setColor(new Color(0xe9, 0xdc, 0xb5));
            g.fill(island);
            g.setColor(LAND);
            g.fillPolygon(new int[] {180, 270, 380, 480, 520, 500, 440, 370, 280, 200, 160},
                    new int[] {150, 100, 92, 128, 205, 305, 375, 392, 375, 318, 232}, 11);
            g.setColor(new Color(0x6d, 0x4c, 0x2f));
            g.fillOval(250, 150, 120, 70);
            g.setColor(INK);
            g.setStroke(new BasicStroke(2));
            g.draw(island);
            // Port Verrow with its quay
            g.setColor(new Color(0xb0, 0x3a, 0x2e));
            for (int i = 0; i < 6; i++) {
                g.fillRect(468 + (i % 3) * 14, 250 + (i / 3) * 14, 10, 10);
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(5));
            g.drawArc(500, 240, 70, 70, -90, 180);
            // the lighthouse on the northern cape
            g.setColor(Color.WHITE);
            g.fillRect(386, 52, 10, 26);
            g.setColor(Color.RED);
            g.fillRect(386, 62, 10, 6);
            g.setColor(new Color(255, 240, 150, 170));
            g.fillArc(331, 5, 120, 100, 30, 40);
            // ferry route to the mainland
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {10, 8}, 0));
            g.drawLine(575, 280, 630, 330);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
            g.setColor(Color.WHITE);
            g.drawString("Verrow Island - harbour map", 20, 40);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.setColor(INK);
            g.drawString("Port Verrow", 440, 235);
            g.drawString("Heddle Moor", 260, 140);
            g.drawString("Orra Sands", 250, 395);
            g.drawString("Glassmakers' Row", 400, 300);
            g.setColor(Color.WHITE);
            g.drawString("Skerrow Light", 405, 55);
            g.drawString("ferry to Saltmere (38 km)", 420, 460);
            compass(g, 70, 410);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void compass(Graphics2D g, int cx, int cy) {
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2));
        g.draw(new Ellipse2D.Double(cx - 30, cy - 30, 60, 60));
        Path2D needle = new Path2D.Double();
        needle.moveTo(cx, cy - 28);
        needle.lineTo(cx + 8, cy);
        needle.lineTo(cx - 8, cy);
        needle.closePath();
        g.fill(needle);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("N", cx - 5, cy - 34);
    }

    private static BufferedImage exportChart() {
        int[] years = {2019, 2020, 2021, 2022, 2023, 2024};
        int[] pieces = {6200, 3100, 4800, 7300, 8600, 9800};
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 640, 400);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString("Kelp glass exports (pieces per year)", 30, 40);
            int baseY = 340;
            int left = 80;
            g.setStroke(new BasicStroke(1));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int v = 0; v <= 10000; v += 2500) {
                int y = baseY - v * 250 / 10000;
                g.setColor(new Color(0xdd, 0xdd, 0xdd));
                g.drawLine(left, y, 610, y);
                g.setColor(INK);
                g.drawString(String.valueOf(v), 30, y + 4);
            }
            for (int i = 0; i < years.length; i++) {
                int h = pieces[i] * 250 / 10000;
                int x = left + 15 + i * 88;
                g.setColor(i == years.length - 1 ? new Color(0x2e, 0x8b, 0x57) : new Color(0x5f, 0xa8, 0x8c));
                g.fillRect(x, baseY - h, 60, h);
                g.setColor(INK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.drawString(String.valueOf(pieces[i]), x + 10, baseY - h - 6);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString(String.valueOf(years[i]), x + 14, baseY + 20);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
            g.drawString("2020: ferry only twice a week. 2024: record year.", 80, 385);
        } finally {
            g.dispose();
        }
        return image;
    }

    // ---- video ------------------------------------------------------------------------------------------------------

    private static void lighthouseVideo(Path file) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), VIDEO_WIDTH, VIDEO_HEIGHT, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(VIDEO_FPS);
            recorder.setGopSize(VIDEO_FPS);
            recorder.setVideoBitrate(200_000);
            recorder.start();
            Frame frame = new Frame(VIDEO_WIDTH, VIDEO_HEIGHT, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < VIDEO_FRAMES; i++) {
                BufferedImage image = lighthouseFrame(i);
                byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                ByteBuffer buffer = (ByteBuffer) frame.image[0];
                for (int y = 0; y < VIDEO_HEIGHT; y++) {
                    buffer.position(y * frame.imageStride);
                    buffer.put(bgr, y * VIDEO_WIDTH * 3, VIDEO_WIDTH * 3);
                }
                buffer.rewind();
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
    }

    /** The lighthouse at night; the beam turns 12 degrees per frame, flashing white, white, red. */
    private static BufferedImage lighthouseFrame(int i) {
        BufferedImage image = new BufferedImage(VIDEO_WIDTH, VIDEO_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = graphics(image);
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(0x0b, 0x10, 0x2a), 0, 170, new Color(0x23, 0x36, 0x6b)));
            g.fillRect(0, 0, VIDEO_WIDTH, 170);
            g.setColor(new Color(0x10, 0x3a, 0x55));
            g.fillRect(0, 170, VIDEO_WIDTH, 70);
            g.setColor(new Color(0x3b, 0x35, 0x30));
            g.fillPolygon(new int[] {90, 230, 260, 60}, new int[] {170, 170, 240, 240}, 4);
            g.setColor(Color.WHITE);
            g.fillPolygon(new int[] {150, 170, 176, 144}, new int[] {70, 70, 170, 170}, 4);
            g.setColor(new Color(0xc0, 0x20, 0x20));
            g.fillRect(146, 110, 28, 14);
            g.fillRect(145, 140, 30, 14);
            int phase = (i / 5) % 3;
            Color beam = phase == 2 ? new Color(255, 60, 60, 150) : new Color(255, 250, 200, 160);
            g.setColor(beam);
            double angle = Math.toRadians(i * 12);
            int bx = (int) (160 + 170 * Math.cos(angle));
            int by = (int) (62 + 40 * Math.sin(angle));
            g.fillPolygon(new int[] {160, bx, bx}, new int[] {62, by - 22, by + 22}, 3);
            g.setColor(phase == 2 ? Color.RED : Color.YELLOW);
            g.fillOval(152, 54, 16, 16);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("Skerrow Light, Verrow Island", 10, 20);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }
}
