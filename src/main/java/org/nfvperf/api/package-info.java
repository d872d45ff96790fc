/**
 * The notebook-facing front door of nfvperf: one import ({@code import org.nfvperf.api.*;}) brings
 * {@link org.nfvperf.api.Captures}, {@link org.nfvperf.api.Latency}, {@link org.nfvperf.api.Throughput},
 * {@link org.nfvperf.api.Sweeps} and {@link org.nfvperf.api.Figures}; each result has a
 * {@code toTable()} (a Tablesaw table whose column names carry units: {@code rx_mpps},
 * {@code p99_us}, {@code loss_pct}) that a notebook shows as a small HTML table.
 *
 * <pre>{@code
 * import org.nfvperf.api.*;
 * Throughput.Result rates = Throughput.logs("10G", Path.of("data/samples/logs"));
 * rates.toTable();
 * Latency.Result hops = Latency.taps(Map.of("gen", gen, "sink", sink));   // or LinkedHashMap in path order
 * hops.toTable();
 * }</pre>
 *
 * <p>Everything here is a thin layer over the library packages ({@code capture}, {@code latency},
 * {@code loadgen}, {@code throughput}, {@code experiment}, {@code reproduction}, {@code figures}),
 * which stay available for what the front door does not cover.
 */
package org.nfvperf.api;
