package org.nfvperf.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the file globs that IJava's magics and environment variables accept
 * ({@code lib/*.jar}, {@code ../target/nfvperf.jar}, {@code deps/**.jar}) into existing paths.
 *
 * <p>A pattern without glob characters names one path, returned if it exists. Otherwise the
 * directory part before the first glob character is walked (to any depth when the pattern
 * contains {@code **}, else only as deep as the pattern has name elements) and the paths
 * matching the whole pattern are returned, sorted. Relative patterns resolve against a base
 * directory, normally the kernel's working directory (the notebook's folder).
 *
 * <p>Stateless and thread-safe.
 * <pre>{@code
 * List<Path> jars = Globs.expand("../target/*.jar", Path.of(""));
 * }</pre>
 */
final class Globs {
    private Globs() {
    }

    /**
     * @param pattern a path or glob, absolute or relative to {@code base}
     * @param base    the directory relative patterns start from
     * @return the existing matching paths, absolute and normalized, sorted; empty if none
     */
    public static List<Path> expand(String pattern, Path base) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("pattern must be non-blank: '" + pattern + "'");
        }
        String p = pattern.trim();
        if (p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        int firstGlob = firstGlobChar(p);
        Path absBase = base.toAbsolutePath();
        if (firstGlob < 0) {
            Path path = absBase.resolve(p).normalize();
            return Files.exists(path) ? List.of(path) : List.of();
        }
        int cut = p.lastIndexOf('/', firstGlob);
        String dirPart = cut < 0 ? "" : p.substring(0, cut + 1);
        Path dir = absBase.resolve(dirPart.isEmpty() ? "." : dirPart).normalize();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String rest = p.substring(cut + 1);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        String globText = dir.toString().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")
                .replace("[", "\\[").replace("{", "\\{") + "/" + rest;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + globText);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            walk.filter(matcher::matches).map(Path::normalize).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int firstGlobChar(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
