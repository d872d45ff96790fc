package org.nfvperf.notebook;

import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Syntax questions about cell code that JShell's source analysis leaves open: whether a snippet
 * it calls complete parses at all (JShell calls {@code x = 1 +* 2;} complete), and how deep the
 * open blocks of an incomplete cell are, for the indent of its next line.
 *
 * <p>Stateless and thread-safe.
 * <pre>{@code
 * JavaSyntax.parses("int x = 1;");          // true
 * JavaSyntax.indent("for (;;) {\n  if (a) {");   // 8 spaces
 * }</pre>
 */
final class JavaSyntax {
    /** How a snippet can stand in a compilation unit: as a declaration, a statement, an expression or an import. */
    private static final List<String[]> WRAPPINGS = List.of(
            new String[] {"class JShellSyntaxCheck {\n", "\n}"},
            new String[] {"class JShellSyntaxCheck { void m() throws Throwable {\n", "\n} }"},
            new String[] {"class JShellSyntaxCheck { Object o = (\n", "\n); }"},
            new String[] {"", "\nclass JShellSyntaxCheck {}"});

    private JavaSyntax() {
    }

    /** Whether one complete JShell snippet parses as Java in at least one of the places a snippet may stand. */
    static boolean parses(String snippet) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return true;
        }
        String expression = snippet.strip();
        if (expression.endsWith(";")) {
            expression = expression.substring(0, expression.length() - 1);
        }
        for (int i = 0; i < WRAPPINGS.size(); i++) {
            String[] w = WRAPPINGS.get(i);
            if (parsesWithoutError(javac, w[0] + (i == 2 ? expression : snippet) + w[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean parsesWithoutError(JavaCompiler javac, String source) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///JShellSyntaxCheck.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        AtomicBoolean error = new AtomicBoolean();
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                error.set(true);
            }
        }, List.of("-proc:none"), null, List.of(file));
        try {
            task.parse();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return !error.get();
    }

    /**
     * The indent for the line after incomplete code: four spaces per block, parenthesis or bracket
     * still open (outside strings, characters and comments), at least four (a continued statement).
     */
    static String indent(String code) {
        int depth = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                int nl = code.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && code.charAt(i) != c && code.charAt(i) != '\n') {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ')' || c == ']') {
                    depth = Math.max(0, depth - 1);
                }
                i++;
            }
        }
        return "    ".repeat(Math.max(1, depth));
    }
}
