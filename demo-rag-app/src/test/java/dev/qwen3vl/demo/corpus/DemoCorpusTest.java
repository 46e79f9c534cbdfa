package dev.qwen3vl.demo.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.video.VideoFileDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed demo corpus ({@code corpus/}) is small, readable, and what {@link DemoCorpusGenerator} draws. Run with
 * {@code -Dqwen3vl.regenerate-demo-corpus=true} to write the generated files into {@code corpus/} first.
 */
class DemoCorpusTest {

    private static final Path CORPUS = Path.of("corpus");

    @TempDir
    static Path generated;

    @BeforeAll
    static void generate() throws IOException {
        if (Boolean.getBoolean("qwen3vl.regenerate-demo-corpus")) {
            DemoCorpusGenerator.writeAll(CORPUS);
        }
        DemoCorpusGenerator.writeAll(generated);
    }

    @Test
    void should_keep_the_corpus_under_2_mb_with_every_kind_of_file() throws IOException {
        List<String> names = new ArrayList<>();
        long total = 0;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.toList()) {
                names.add(f.getFileName().toString());
                total += Files.size(f);
            }
        }

        assertThat(total).isLessThan(2L * 1024 * 1024);
        assertThat(names).contains("verrow-island-guide.md", "kelp-glass.md", "lantern-tide-festival.txt",
                DemoCorpusGenerator.PDF, DemoCorpusGenerator.MAP, DemoCorpusGenerator.CHART,
                DemoCorpusGenerator.VIDEO);
    }

    @Test
    void should_have_the_generated_text_on_each_of_the_three_pdf_pages() throws IOException {
        List<String> committed = pageTexts(CORPUS.resolve(DemoCorpusGenerator.PDF));
        List<String> fresh = pageTexts(generated.resolve(DemoCorpusGenerator.PDF));

        assertThat(committed).hasSize(3).isEqualTo(fresh);
        assertThat(committed.get(0)).contains("38 kilometres", "1 hour 50 minutes");
        assertThat(committed.get(1)).contains("06:40", "Lantern Tide night only");
        assertThat(committed.get(2)).contains("24.50 EUR", "Dogs travel free");
    }

    @Test
    void should_hold_the_generated_images() throws IOException {
        for (String name : List.of(DemoCorpusGenerator.MAP, DemoCorpusGenerator.CHART)) {
            BufferedImage committed = ImageIO.read(CORPUS.resolve(name).toFile());
            BufferedImage fresh = ImageIO.read(generated.resolve(name).toFile());

            assertThat(committed.getWidth()).as(name).isEqualTo(fresh.getWidth()).isEqualTo(640);
            assertThat(committed.getHeight()).as(name).isEqualTo(fresh.getHeight());
            // text rendering may differ slightly between machines' fonts; the drawing itself may not
            assertThat(differingPixels(committed, fresh)).as(name).isLessThan(0.05);
        }
    }

    @Test
    void should_hold_a_decodable_three_second_video_like_the_generated_one() {
        try (VideoFileDecoder committed = VideoFileDecoder.open(CORPUS.resolve(DemoCorpusGenerator.VIDEO));
             VideoFileDecoder fresh = VideoFileDecoder.open(generated.resolve(DemoCorpusGenerator.VIDEO))) {
            assertThat(committed.frameCount()).isEqualTo(fresh.frameCount()).isEqualTo(DemoCorpusGenerator.VIDEO_FRAMES);
            assertThat(committed.fps()).isEqualTo(DemoCorpusGenerator.VIDEO_FPS);
            assertThat(committed.width()).isEqualTo(DemoCorpusGenerator.VIDEO_WIDTH);
            assertThat(committed.height()).isEqualTo(DemoCorpusGenerator.VIDEO_HEIGHT);
            RgbImage a = committed.decode(new int[] {15}).get(0);
            RgbImage b = fresh.decode(new int[] {15}).get(0);
            assertThat(meanAbsoluteDifference(a, b)).isLessThan(8.0);
        }
    }

    private static List<String> pageTexts(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }

    private static double differingPixels(BufferedImage a, BufferedImage b) {
        long differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return (double) differing / ((long) a.getWidth() * a.getHeight());
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
        }
        return (double) sum / a.rgb().length;
    }
}
