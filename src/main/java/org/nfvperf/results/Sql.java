package org.nfvperf.results;

/** SQL text helpers for DuckDB statements built in code. Stateless and thread-safe. */
final class Sql {
    private Sql() {
    }

    /** {@code 'text'} with embedded quotes doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code "name"} with embedded double quotes doubled. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
