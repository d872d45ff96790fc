package org.nfvperf.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-trial, per-segment latency summaries from the per-packet Parquet that {@code nfvperf run
 * --per-packet parquet} writes ({@code <results>/<experiment>/packets/trial=<id>/part-0.parquet}),
 * the same figures {@code nfvperf latency} reports: {@code matched}, {@code lost}, {@code truncated},
 * {@code negative}, {@code min_ns}, {@code max_ns} and {@code mean_ns} exactly (the sum is a
 * DECIMAL(38,0), so no rounding before the division), and {@code p50_ns} … {@code p999_ns} from
 * the exact distribution of the delays by nearest rank (negative ones counted as 0, as nfvperf's HdrHistogram
 * does), so they agree with nfvperf's within its 3 significant digits. Stateless; the work is
 * Spark's.
 *
 * <pre>{@code
 * spark-submit --class org.nfvperf.spark.LatencySummaries nfvperf-spark.jar results/ summaries/
 * }</pre>
 */
public final class LatencySummaries {
    private LatencySummaries() {
    }

    /** The percentiles reported, as fractions. */
    static final double[] PERCENTILES = {0.5, 0.9, 0.99, 0.999};

    /**
     * The per-packet records of every sweep in {@code resultsDir} (the {@code --out} of
     * {@code nfvperf run}: {@code <resultsDir>/<experiment>/packets/trial=<id>/*.parquet}); each
     * file carries its trial id in its {@code trial} column.
     */
    public static Dataset<Row> packets(SparkSession spark, String resultsDir) {
        String root = resultsDir.endsWith("/") ? resultsDir : resultsDir + "/";
        return spark.read()
                .option("recursiveFileLookup", "false")
                .option("mergeSchema", "false")
                .parquet(root + "*/packets/trial=*/*.parquet")
                .withColumn("trial", col("trial").cast(DataTypes.StringType));
    }

    /**
     * One row per trial and segment: {@code trial, from_tap, to_tap, matched, lost, truncated,
     * negative, min_ns, mean_ns, max_ns, p50_ns, p90_ns, p99_ns, p999_ns}, ordered by trial and
     * {@code from_tap}'s first appearance time.
     */
    public static Dataset<Row> summarize(Dataset<Row> packets) {
        Dataset<Row> p = packets.withColumn("delay_ns", col("t_out_ns").minus(col("t_in_ns")));
        Dataset<Row> matchedOnly = p.where(col("status").equalTo("matched"));
        Dataset<Row> counts = p.groupBy("trial", "from_tap", "to_tap").agg(
                count(when(col("status").equalTo("matched"), 1)).as("matched"),
                count(when(col("status").equalTo("lost"), 1)).as("lost"),
                count(when(col("status").equalTo("truncated"), 1)).as("truncated"),
                min("t_in_ns").as("first_in_ns"));
        Dataset<Row> stats = matchedOnly.groupBy("trial", "from_tap", "to_tap").agg(
                count(when(col("delay_ns").lt(0), 1)).as("negative"),
                min("delay_ns").as("min_ns"),
                expr("CAST(sum(CAST(delay_ns AS DECIMAL(38,0))) AS DOUBLE) / count(*)").as("mean_ns"),
                max("delay_ns").as("max_ns"),
                // nearest rank, as HdrHistogram's getValueAtPercentile (no interpolation between packets)
                expr("array(percentile_disc(0.5) WITHIN GROUP (ORDER BY greatest(delay_ns, 0L)), "
                        + "percentile_disc(0.9) WITHIN GROUP (ORDER BY greatest(delay_ns, 0L)), "
                        + "percentile_disc(0.99) WITHIN GROUP (ORDER BY greatest(delay_ns, 0L)), "
                        + "percentile_disc(0.999) WITHIN GROUP (ORDER BY greatest(delay_ns, 0L)))").as("p"));
        Dataset<Row> joined = counts.join(stats, scala.jdk.javaapi.CollectionConverters.asScala(
                java.util.List.of("trial", "from_tap", "to_tap")).toSeq(), "left");
        return joined.select(col("trial"), col("from_tap"), col("to_tap"), col("matched"), col("lost"), col("truncated"),
                        functionsCoalesce(col("negative")).as("negative"), col("min_ns"), col("mean_ns"), col("max_ns"),
                        col("p").getItem(0).cast(DataTypes.LongType).as("p50_ns"),
                        col("p").getItem(1).cast(DataTypes.LongType).as("p90_ns"),
                        col("p").getItem(2).cast(DataTypes.LongType).as("p99_ns"),
                        col("p").getItem(3).cast(DataTypes.LongType).as("p999_ns"),
                        col("first_in_ns"))
                .orderBy(col("trial"), col("first_in_ns"))
                .drop("first_in_ns");
    }

    private static org.apache.spark.sql.Column functionsCoalesce(org.apache.spark.sql.Column c) {
        return org.apache.spark.sql.functions.coalesce(c, lit(0L));
    }

    /** {@code LatencySummaries RESULTS_DIR OUT_DIR}: writes the summaries as Parquet (and prints them, up to 100 rows). */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: spark-submit --class org.nfvperf.spark.LatencySummaries nfvperf-spark.jar RESULTS_DIR OUT_DIR");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("nfvperf latency summaries").getOrCreate();
        try {
            Dataset<Row> s = summarize(packets(spark, args[0]));
            s.write().mode("overwrite").parquet(args[1]);
            s.show(100, false);
        } finally {
            spark.stop();
        }
    }
}
