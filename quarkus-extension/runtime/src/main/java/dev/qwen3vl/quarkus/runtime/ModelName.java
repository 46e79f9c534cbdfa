package dev.qwen3vl.quarkus.runtime;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Selects a named Qwen3-VL model: {@code @Inject @ModelName("fast") EmbeddingModel model;} gets the embedding model
 * configured under {@code quarkus.qwen3vl.fast.embedding.*}. Without this qualifier the unnamed model
 * ({@code quarkus.qwen3vl.embedding.*}) is injected.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface ModelName {

    /** The model's name, as in {@code quarkus.qwen3vl.<name>.*}. */
    String value();

    /** An instance of the qualifier, e.g. for {@code Instance.select(ModelName.Literal.of("fast"))}. */
    final class Literal extends AnnotationLiteral<ModelName> implements ModelName {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /** The qualifier for the model named {@code value}. */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
