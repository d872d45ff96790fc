package org.nfvperf.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.Json;

/**
 * Checks the outputs of executed notebooks ({@code .ipynb} JSON) for what a reader should not see:
 * an unrounded number (more than {@value #MAX_DECIMALS} digits after the decimal point), {@code NaN}
 * or {@code Infinity}, a {@code toString} dump ({@code Foo[a=1, ...]}, {@code {a=1, ...}},
 * {@code Foo@1b2c3d}) and a table of more than {@value #MAX_ROWS} rows (HTML data rows, or lines
 * of a text output). It reads every text an output carries: stream text, {@code text/plain} and
 * {@code text/html} (images are not read).
 *
 * <p>Run after {@code nfvperf notebooks --out DIR} (CI does): exit 0 when clean, 1 with one line per
 * finding ({@code fig2.ipynb: cell 7 (execution [4]) text/html: unrounded number '3.3412345678'}),
 * 2 with one line when a file is not a notebook.
 *
 * <pre>{@code
 * java -cp target/nfvperf.jar org.nfvperf.notebook.OutputCheck out/notebooks/*.ipynb
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class OutputCheck {
    /** Digits after the decimal point above which a number counts as unrounded. */
    public static final int MAX_DECIMALS = 6;
    /** Rows a shown table may have. */
    public static final int MAX_ROWS = 30;

    /** A number not part of a time of day (21:14:26.123456789), a version or an address (1.2.3). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.:])-?\\d+\\.(\\d+)(?:[eE][-+]?\\d+)?(?![\\w.])");
    private static final Pattern NAN = Pattern.compile("\\b(NaN|-?Infinity)\\b");
    private static final Pattern RECORD_DUMP = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*\\[[a-z][A-Za-z0-9_]*=");
    private static final Pattern MAP_DUMP = Pattern.compile("\\{[A-Za-z_][\\w.-]*=");
    private static final Pattern IDENTITY_DUMP = Pattern.compile("\\b[A-Za-z_$][\\w$.]*@[0-9a-f]{5,8}\\b");
    private static final Pattern HTML_TABLE = Pattern.compile("(?s)<table\\b.*?</table>");
    private static final Pattern HTML_DATA_ROW = Pattern.compile("(?s)<tr\\b[^>]*>\\s*<td");

    private OutputCheck() {
    }

    /** One thing a reader should not see. */
    public record Finding(String notebook, int cell, String executionCount, String mime, String what) {
        @Override
        public String toString() {
            return notebook + ": cell " + cell + " (execution [" + executionCount + "]) " + mime + ": " + what;
        }
    }

    /** Thrown for a file that is not a notebook: one line naming the file, where and what was expected. */
    public static final class NotANotebookException extends Exception {
        public NotANotebookException(String message) {
            super(message);
        }
    }

    /** The findings in one executed notebook, in cell order. */
    public static List<Finding> check(Path notebook) throws IOException, NotANotebookException {
        String name = notebook.getFileName().toString();
        JsonNode nb;
        try {
            nb = Json.MAPPER.readTree(Files.readAllBytes(notebook));
        } catch (JsonProcessingException e) {
            throw new NotANotebookException(notebook + ": byte offset " + e.getLocation().getByteOffset()
                    + " (line " + e.getLocation().getLineNr() + "): expected notebook JSON: " + e.getOriginalMessage());
        }
        if (nb == null || !nb.path("cells").isArray()) {
            throw new NotANotebookException(notebook + ": byte offset 0: expected a notebook (a JSON object with \"cells\")");
        }
        List<Finding> out = new ArrayList<>();
        JsonNode cells = nb.get("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            String exec = cell.path("execution_count").isNumber() ? cell.get("execution_count").asText() : " ";
            for (JsonNode o : cell.path("outputs")) {
                String type = o.path("output_type").asText();
                if ("stream".equals(type)) {
                    checkText(out, name, i, exec, "stream " + o.path("name").asText(), text(o.get("text")));
                } else if ("execute_result".equals(type) || "display_data".equals(type)) {
                    JsonNode data = o.path("data");
                    if (data.has("text/html")) {
                        checkHtml(out, name, i, exec, text(data.get("text/html")));
                    }
                    if (data.has("text/plain")) {
                        checkText(out, name, i, exec, "text/plain", text(data.get("text/plain")));
                    }
                }
            }
        }
        return out;
    }

    /** The findings in one text as shown (a stream or text/plain). */
    static List<Finding> checkText(String text) {
        List<Finding> out = new ArrayList<>();
        checkText(out, "-", 0, " ", "text/plain", text);
        return out;
    }

    private static void checkText(List<Finding> out, String nb, int cell, String exec, String mime, String text) {
        scan(out, nb, cell, exec, mime, text);
        long lines = text.lines().count();
        if (lines > MAX_ROWS + 2) {
            out.add(new Finding(nb, cell, exec, mime, lines + " lines (a table or listing over " + MAX_ROWS
                    + " rows: show a head and a pivot)"));
        }
    }

    private static void checkHtml(List<Finding> out, String nb, int cell, String exec, String html) {
        scan(out, nb, cell, exec, "text/html", html.replaceAll("<[^>]*>", " "));
        Matcher t = HTML_TABLE.matcher(html);
        while (t.find()) {
            long rows = HTML_DATA_ROW.matcher(t.group()).results().count();
            if (rows > MAX_ROWS) {
                out.add(new Finding(nb, cell, exec, "text/html", "a table of " + rows + " rows (over " + MAX_ROWS
                        + ": show a head and a pivot)"));
            }
        }
    }

    private static void scan(List<Finding> out, String nb, int cell, String exec, String mime, String text) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (m.group(1).length() > MAX_DECIMALS) {
                out.add(new Finding(nb, cell, exec, mime, "unrounded number '" + m.group() + "'"));
            }
        }
        for (Pattern p : List.of(NAN, RECORD_DUMP, MAP_DUMP, IDENTITY_DUMP)) {
            Matcher d = p.matcher(text);
            while (d.find()) {
                String what = p == NAN ? "'" + d.group() + "' (an unknown value: leave the cell empty)"
                        : "toString dump '" + excerpt(text, d.start()) + "'";
                out.add(new Finding(nb, cell, exec, mime, what));
            }
        }
    }

    private static String excerpt(String text, int at) {
        String s = text.substring(at, Math.min(text.length(), at + 60)).replaceAll("\\s+", " ");
        return at + 60 < text.length() ? s + "..." : s;
    }

    private static String text(JsonNode n) {
        if (n == null) {
            return "";
        }
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder();
            n.forEach(x -> sb.append(x.asText()));
            return sb.toString();
        }
        return n.asText();
    }

    /** Checks the notebooks named; see the class comment for the exit codes. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: OutputCheck NOTEBOOK.ipynb...  (executed notebooks, e.g. from nfvperf notebooks --out DIR)");
            return 2;
        }
        int findings = 0;
        int notebooks = 0;
        for (String a : args) {
            try {
                List<Finding> f = check(Path.of(a));
                f.forEach(x -> out.println(x));
                findings += f.size();
                notebooks += f.isEmpty() ? 0 : 1;
            } catch (NotANotebookException e) {
                err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println(a + ": cannot read: " + e.getMessage());
                return 2;
            }
        }
        if (findings > 0) {
            err.println("notebook outputs: " + findings + " finding(s) in " + notebooks + " of " + args.length + " notebooks");
            return 1;
        }
        out.println("notebook outputs: " + args.length + " notebooks clean (numbers rounded, no NaN, no toString dumps, tables <= "
                + MAX_ROWS + " rows)");
        return 0;
    }
}
