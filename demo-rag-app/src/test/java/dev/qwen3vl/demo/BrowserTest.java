package dev.qwen3vl.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import dev.qwen3vl.demo.testing.FakeOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (upload, ask, open a cited page, a streamed chat answer, the stored conversation
 * after a reload, delete a document): headless Chromium and chromedriver from the OS packages (system properties
 * {@code qwen3vl.test.chromium} and {@code qwen3vl.test.chromedriver}, by default {@code /usr/bin/…}) driven by
 * Selenium, which is given both paths so that it never looks for or downloads anything. Leaves a screenshot in
 * {@code target/demo-screenshot.png}.
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class BrowserTest {

    private static final Path SCREENSHOT = Path.of("target/demo-screenshot.png");

    @TestHTTPResource("/")
    URL page;

    FakeOpenAiServer llm;

    @TempDir
    Path temp;

    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        DemoApi.awaitIngestionIdle();
        Path chromium = Path.of(System.getProperty("qwen3vl.test.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("qwen3vl.test.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium (Debian package chromium)").isExecutable();
        assertThat(chromedriver).as("chromedriver (Debian package chromium-driver)").isExecutable();
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")), "--window-size=1500,1150");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void should_upload_ask_open_a_cited_page_chat_with_a_streamed_answer_and_delete_a_document() throws IOException {
        Path sketch = drawSketch(temp.resolve("logbook-sketch.png"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(page.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "reranker"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-badge"), "reads the pictures"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#documents li[data-sha]")));

        browser.findElement(By.id("file-input")).sendKeys(sketch.toAbsolutePath().toString());
        // the lists are redrawn while ingestion runs: check them in the page rather than through element references
        wait.until(d -> script("return [...document.querySelectorAll(\"#jobs li[data-status='DONE'] .job-name\")]"
                + ".some(e => e.textContent === 'logbook-sketch.png')"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#documents li[data-source='logbook-sketch.png']")));

        // the chat model's answer cites [1] and [2]
        setValue("topk", "30");
        setValue("topn", "30");
        browser.findElement(By.id("question")).sendKeys("Show me the sketch from the lighthouse logbook");
        browser.findElement(By.id("ask-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".result[data-source='logbook-sketch.png'] img.thumb")));
        wait.until(d -> script("const imgs = [...document.querySelectorAll('.result img.thumb')];"
                + "return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0);"));
        assertThat(browser.findElements(By.cssSelector(".result")).size()).isGreaterThanOrEqualTo(12);
        WebElement uploaded = browser.findElement(By.cssSelector(".result[data-source='logbook-sketch.png']"));
        assertThat(uploaded.findElement(By.cssSelector(".scores")).getText()).matches(
                "retrieval \\d\\.\\d{4} \\(#\\d+\\) → rerank \\d\\.\\d{4} \\(#\\d+\\).*");
        assertThat(browser.findElement(By.id("timings")).getText()).contains("embed", "search", "rerank", "generate");
        assertThat(browser.findElement(By.cssSelector("#answer .mode")).getText()).isEqualToIgnoringCase("generative");
        assertThat(browser.findElements(By.cssSelector("#answer a.cite"))).hasSize(2);

        // without the chat model the answer cites every passage: open a cited PDF page
        browser.findElement(By.id("generate")).click();
        browser.findElement(By.id("ask-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer .mode.extractive")));
        WebElement citation = browser.findElement(By.cssSelector("#answer a.cite[data-kind='pdf']"));
        String cited = citation.getAttribute("title");
        citation.click();
        wait.until(d -> script("const img = document.getElementById('viewer-image');"
                + "return document.getElementById('viewer').open && img !== null && img.complete"
                + " && img.naturalWidth > 0;"));
        assertThat(browser.findElement(By.id("viewer-image")).getAttribute("src"))
                .matches(".*/api/media/[0-9a-f]{64}-p[1-3]\\.png");
        assertThat(cited).matches(".+\\.pdf, page [1-3]");
        assertThat(browser.findElement(By.id("viewer-title")).getText()).endsWith(cited);

        // a streamed chat answer: the chat box is disabled until its last token
        CountDownLatch lastChunk = llm.holdNextStream();
        String message = "What does the harbour map show?";
        browser.findElement(By.id("chat-input")).sendKeys(message);
        browser.findElement(By.id("chat-send")).click();
        wait.until(d -> script("const t = document.querySelector('.msg.bot.streaming .reply-text');"
                + "return t !== null && t.textContent.length > 0;"));
        assertThat(browser.findElement(By.id("chat-input")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("chat-send")).isEnabled()).isFalse();
        lastChunk.countDown();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".msg.bot .chips .chip")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("chat-input")));
        assertThat(browser.findElement(By.cssSelector(".msg.bot .reply-text")).getText())
                .isEqualTo(FakeOpenAiServer.ANSWER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#conversations li.current"),
                message));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isGreaterThanOrEqualTo(1400);

        // the conversation is still there after a reload
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chat-log .msg.user"),
                message));
        assertThat(browser.findElement(By.cssSelector("#chat-log .msg.bot .reply-text")).getText())
                .isEqualTo(FakeOpenAiServer.ANSWER);

        // delete the uploaded document
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#documents li[data-source='logbook-sketch.png'] button.delete-doc"))).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#documents li[data-source='logbook-sketch.png']"), 0));
        assertThat(given().get("/api/documents").jsonPath().getList("source")).doesNotContain("logbook-sketch.png");
    }

    private void setValue(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private boolean script(String booleanScript) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(booleanScript));
    }

    private static Path drawSketch(Path file) throws IOException {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0xf5, 0xee, 0xdc));
            g.fillRect(0, 0, 480, 320);
            g.setColor(new Color(0x33, 0x2b, 0x22));
            g.setStroke(new BasicStroke(3));
            g.drawPolygon(new int[] {220, 260, 270, 210}, new int[] {80, 80, 260, 260}, 4);
            g.drawLine(150, 260, 330, 260);
            g.setColor(new Color(0xc0, 0x30, 0x30));
            g.fillRect(222, 130, 36, 18);
            g.setFont(new Font(Font.SERIF, Font.ITALIC, 22));
            g.drawString("Logbook sketch, " + System.nanoTime() % 100000, 110, 300);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
