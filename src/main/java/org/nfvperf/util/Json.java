package org.nfvperf.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of nfvperf: pretty-printed, keys in declaration order, no failure on
 * unknown properties when reading. Thread-safe once configured.
 *
 * <pre>{@code
 * System.out.println(Json.write(Map.of("packets", 42)));
 * }</pre>
 */
public final class Json {
    /** Shared mapper; do not reconfigure. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** Serializes {@code value} as indented JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }
}
