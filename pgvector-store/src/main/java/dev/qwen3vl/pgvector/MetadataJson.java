package dev.qwen3vl.pgvector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Converts LangChain4j {@link Metadata} to and from the JSON stored in the {@code metadata} JSONB column, and encodes
 * filter values as JSON.
 *
 * <p>Strings and UUIDs become JSON strings, Integer/Long/Float/Double JSON numbers. Reading back gives Integer or Long
 * for integral numbers (Double when they exceed the long range, as PostgreSQL prints large floating-point numbers
 * without exponent) and Double for the others; {@link Metadata}'s typed getters convert them.
 */
final class MetadataJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {
    };

    private MetadataJson() {
    }

    /**
     * Serializes metadata to a JSON object.
     *
     * @param metadata the metadata, or {@code null} for none
     * @return the JSON text, {@code {}} for none
     */
    static String toJson(Metadata metadata) {
        if (metadata == null) {
            return "{}";
        }
        return write(metadata.toMap());
    }

    /**
     * Parses the JSON object of one row back into metadata.
     *
     * @param json  the JSON text of the {@code metadata} column
     * @param rowId the id of the row, for error messages
     * @return the metadata
     * @throws PgHalfvecStoreException if the JSON holds values that {@link Metadata} cannot represent
     */
    static Metadata fromJson(String json, String rowId) {
        Map<String, Object> parsed;
        try {
            parsed = MAPPER.readValue(json, MAP_TYPE);
        } catch (JsonProcessingException e) {
            throw new PgHalfvecStoreException("The metadata of row '" + rowId + "' is not a JSON object: " + json, e);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : parsed.entrySet()) {
            values.put(entry.getKey(), metadataValue(entry.getKey(), entry.getValue(), rowId));
        }
        return Metadata.from(values);
    }

    /**
     * Encodes a one-entry JSON object, for JSONB containment ({@code metadata @> ?}).
     *
     * @param key   the metadata key
     * @param value a filter value accepted by {@link #checkFilterValue}
     * @return {@code {"key": value}}
     */
    static String entry(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, jsonValue(key, value));
        return write(map);
    }

    /**
     * Encodes a filter value as a JSON scalar.
     *
     * @param key   the metadata key it is compared with, for error messages
     * @param value the value
     * @return the JSON text of the value
     */
    static String scalar(String key, Object value) {
        return write(jsonValue(key, value));
    }

    /**
     * The JSON type ({@code jsonb_typeof}) that a filter value has once encoded.
     *
     * @param key   the metadata key it is compared with, for error messages
     * @param value the value
     * @return {@code string}, {@code number} or {@code boolean}
     */
    static String jsonType(String key, Object value) {
        Object json = jsonValue(key, value);
        if (json instanceof String) {
            return "string";
        }
        return json instanceof Boolean ? "boolean" : "number";
    }

    /**
     * Checks that a filter value has a supported type and converts UUIDs to their canonical text.
     *
     * @param key   the metadata key it is compared with
     * @param value the value
     * @return the value as it is stored in JSON: String, Boolean or a finite Number
     * @throws IllegalArgumentException for other types and for NaN or infinite numbers
     */
    static Object jsonValue(String key, Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(
                        "Filter value " + value + " for metadata key '" + key + "' is not a finite number");
            }
            return value;
        }
        throw new IllegalArgumentException("Unsupported filter value type "
                + (value == null ? "null" : value.getClass().getName()) + " for metadata key '" + key
                + "'; supported: String, UUID, Integer, Long, Float, Double, Boolean");
    }

    private static Object metadataValue(String key, Object value, String rowId) {
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        throw new PgHalfvecStoreException("The metadata key '" + key + "' of row '" + rowId + "' holds "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                + ", which LangChain4j Metadata cannot represent");
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode metadata as JSON: " + value, e);
        }
    }
}
