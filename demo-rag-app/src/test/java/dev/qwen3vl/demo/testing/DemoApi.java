package dev.qwen3vl.demo.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** REST calls the demo's tests share. */
public final class DemoApi {

    /** Final job states. */
    public static final Set<String> FINAL = Set.of("DONE", "SKIPPED", "FAILED");

    private DemoApi() {
    }

    /** Waits until no ingestion job is queued or running, and returns all jobs. */
    public static List<Map<String, Object>> awaitIngestionIdle() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().get("/api/ingestion").then().statusCode(200).extract().jsonPath()
                        .getInt("active") == 0 && !jobs().isEmpty());
        return jobs();
    }

    /** All jobs, newest first. */
    public static List<Map<String, Object>> jobs() {
        return given().get("/api/ingestion").then().statusCode(200).extract().jsonPath().getList("jobs");
    }

    /**
     * Uploads one file and returns its job.
     *
     * @param file the file
     * @return the job as JSON
     */
    public static JsonPath upload(Path file) {
        return given().multiPart("file", file.toFile())
                .post("/api/documents")
                .then().statusCode(202)
                .extract().jsonPath().setRootPath("jobs[0]");
    }

    /**
     * Waits until a job has one of the statuses.
     *
     * @param id       the job id
     * @param statuses wanted statuses
     * @return the job
     */
    public static JsonPath awaitJob(long id, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> wanted.contains(job(id).getString("status")));
        return job(id);
    }

    /** One job. */
    public static JsonPath job(long id) {
        return given().get("/api/ingestion/" + id).then().statusCode(200).extract().jsonPath();
    }
}
