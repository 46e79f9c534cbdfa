package dev.qwen3vl.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Calls the application's REST resources. */
final class Client {

    private Client() {}

    /** The embedding of {@code text} from {@code POST /embed}. */
    static float[] embed(String text) {
        List<Float> values = given().contentType(ContentType.TEXT).body(text)
                .post("/embed")
                .then().statusCode(200)
                .extract().jsonPath().getList("vector", Float.class);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** The scores of {@code documents} against {@code query} from {@code POST /score}. */
    static List<Double> score(String query, List<String> documents) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query, "documents", documents))
                .post("/score")
                .then().statusCode(200)
                .extract().jsonPath().getList(".", Double.class);
    }
}
