package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.Json;

/**
 * IJava parity probes over the Jupyter protocol, against the running kernel: {@code %mavenRepo},
 * {@code %maven} (transitive, cached in the local repository, a clear error when the repositories
 * cannot be reached), {@code %loadFromPOM} and {@code %%loadFromPOM}, {@code inspect_request} with
 * the cursor on a method's name, and {@code is_complete_request} for invalid and incomplete code.
 *
 * <p>The artifacts come from a Maven repository made here on disk (a jar {@code org.example:hello:1.0}
 * depending on {@code org.example:dep:2.0}); "Maven Central" is a closed port on the loopback
 * interface, so the test needs no network and the offline message is deterministic.
 */
class KernelParityTest {
    @Test
    void magicsInspectionAndCompletenessOverTheProtocol(@TempDir Path tmp) throws Exception {
        assumeTrue(KernelProtocolTest.jupyterClientAvailable(), "python3 with jupyter_client is needed (Debian: jupyter-client)");
        Path repo = tmp.resolve("repo");
        publish(repo, "dep", "2.0", "public class Dep { public static final String NAME = \"dep\"; }", "");
        publish(repo, "hello", "1.0", "public class Hello { public static String greet() { return \"hello from \" + Dep.NAME; } }",
                "<dependencies><dependency><groupId>org.example</groupId><artifactId>dep</artifactId><version>2.0</version></dependency></dependencies>");
        publish(repo, "extra", "3.1", "public class Extra { public static int answer() { return 42; } }", "");
        publish(repo, "more", "0.9", "public class More { public static int twice(int x) { return 2 * x; } }", "");
        String repoUrl = repo.toUri().toString();
        Files.writeString(tmp.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>x</groupId><artifactId>y</artifactId><version>1</version>"
                + "<properties><extra.version>3.1</extra.version></properties>"
                + "<repositories><repository><id>disk</id><url>" + repoUrl + "</url></repository></repositories>"
                + "<dependencies><dependency><groupId>org.example</groupId><artifactId>extra</artifactId><version>${extra.version}</version></dependency>"
                + "<dependency><groupId>org.example</groupId><artifactId>junitish</artifactId><version>1</version><scope>test</scope></dependency>"
                + "</dependencies></project>");
        Path m2 = tmp.resolve("m2");

        ObjectNode request = Json.MAPPER.createObjectNode().put("kernel", "java");
        ArrayNode cells = request.putArray("cells");
        cells.addObject().put("code", "%mavenRepo disk " + repoUrl);                                // 0
        cells.addObject().put("code", "%maven org.example:hello:1.0\norg.example.Hello.greet()");    // 1
        cells.addObject().put("code", "%loadFromPOM pom.xml\norg.example.Extra.answer()");            // 2
        cells.addObject().put("code", "%%loadFromPOM\n<dependencies><dependency><groupId>org.example</groupId>"
                + "<artifactId>more</artifactId><version>0.9</version></dependency></dependencies>");      // 3
        cells.addObject().put("code", "org.example.More.twice(21)");                                  // 4
        cells.addObject().put("code", "%maven org.example:absent:1.0");                               // 5
        cells.addObject().put("code", "%maven not-a-coordinate");                                     // 6
        cells.addObject().put("inspect", "Math.max(1, 2)").put("cursor_pos", 6);                     // 7
        cells.addObject().put("inspect", "System.out.println(\"x\")").put("cursor_pos", 15);         // 8
        cells.addObject().put("inspect", "Math.max(1, 2)").put("cursor_pos", 8);                     // 9
        cells.addObject().put("inspect", "String s = \"abc\";").put("cursor_pos", 3);                // 10
        for (String code : List.of("int x = );", "\"abc", "x = 1 +* 2;", "int x = 1;", "Math.max(1, 2)",
                "for (int i = 0; i < 3; i++) {", "void f() {\n    if (true) {", "int y =", "%maven a:b:1\nint z = 1;")) {
            cells.addObject().put("is_complete", code);                                              // 11..19
        }

        JsonNode r = run(tmp, request, "-Dmaven.repo.local=" + m2 + " -Dnfvperf.maven.central=http://127.0.0.1:9/");

        assertEquals("ok", r.get(0).get("status").asText(), r.get(0).toString());
        assertEquals("ok", r.get(1).get("status").asText(), r.get(1).toString());
        assertEquals("hello from dep", result(r.get(1)).get("text").asText());
        assertTrue(stdout(r.get(1)).startsWith("%maven: 2 jars on the class path (hello-1.0.jar, dep-2.0.jar), cached in " + m2),
                stdout(r.get(1)));
        assertTrue(Files.isRegularFile(m2.resolve("org/example/hello/1.0/hello-1.0.jar")), "cached in the local repository");
        assertTrue(Files.isRegularFile(m2.resolve("org/example/dep/2.0/dep-2.0.jar")), "dependency cached too");

        assertEquals("ok", r.get(2).get("status").asText(), r.get(2).toString());
        assertEquals("42", result(r.get(2)).get("text").asText());
        assertTrue(stdout(r.get(2)).startsWith("%loadFromPOM: 1 jar on the class path (extra-3.1.jar)"), stdout(r.get(2)));
        assertEquals("ok", r.get(3).get("status").asText(), r.get(3).toString());
        assertEquals("42", result(r.get(4)).get("text").asText());

        JsonNode offline = error(r.get(5));
        assertEquals("MagicException", offline.get("ename").asText());
        String msg = offline.get("evalue").asText();
        assertTrue(msg.startsWith("cell [6] line 1: %maven failed: cannot resolve org.example:absent:jar:1.0: "
                + "the repositories cannot be reached (offline? Connect to 127.0.0.1:9"), msg);
        assertTrue(msg.contains("it is not in the local repository " + m2), msg);
        assertTrue(msg.contains("http://127.0.0.1:9/") && msg.contains(repoUrl), msg);
        assertEquals("cell [7] line 1: %maven failed: artifact must be group:artifact[:extension[:classifier]]:version: 'not-a-coordinate'",
                error(r.get(6)).get("evalue").asText());

        assertInspection(r.get(7), "int Math.max(int a, int b)");
        assertInspection(r.get(8), "void PrintStream.println(String x)");
        if (Files.isRegularFile(Path.of(System.getProperty("java.home"), "lib", "src.zip"))) {
            // the kernel runs on this JDK: with its sources installed the Javadoc comes along, as text and HTML
            JsonNode data = r.get(7).get("reply").get("data");
            assertTrue(data.get("text/plain").asText().contains("Returns the greater of two"), data.toString());
            assertTrue(data.get("text/html").asText().contains("Returns the greater of two"), data.toString());
            assertTrue(r.get(8).get("reply").get("data").get("text/plain").asText().contains("Prints a String and then terminate the line"),
                    r.get(8).toString());
        }
        assertInspection(r.get(9), "int Math.max(int a, int b)");
        assertInspection(r.get(10), "java.lang.String");

        List<String> expected = List.of("invalid", "invalid", "invalid", "complete", "complete",
                "incomplete:    ", "incomplete:        ", "incomplete:    ", "complete");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode reply = r.get(11 + i).get("reply");
            String got = reply.get("status").asText() + ("incomplete".equals(reply.get("status").asText()) ? ":" + reply.get("indent").asText() : "");
            assertEquals(expected.get(i), got, "is_complete #" + i + ": " + reply);
        }
    }

    private static void assertInspection(JsonNode cell, String signature) {
        JsonNode reply = cell.get("reply");
        assertEquals("ok", reply.get("status").asText(), reply.toString());
        assertTrue(reply.get("found").asBoolean(), reply.toString());
        String text = reply.get("data").get("text/plain").asText();
        assertTrue(text.contains(signature), text);
        String html = reply.get("data").get("text/html").asText();
        assertTrue(html.startsWith("<div class=\"nfvperf-doc\"><pre><code>") && html.contains(signature.replace("<", "&lt;")), html);
    }

    /** Runs the kernel driver with extra JVM options for the kernel (through JAVA_TOOL_OPTIONS). */
    static JsonNode run(Path tmp, ObjectNode request, String jvmOptions) throws Exception {
        KernelSpecInstaller.forThisJvm().install(KernelSpecInstaller.Target.prefix(tmp.resolve("prefix")), false);
        Path driver = tmp.resolve("kernel_driver.py");
        try (InputStream in = KernelParityTest.class.getResourceAsStream("kernel_driver.py")) {
            Files.write(driver, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(KernelProtocolTest.python(), driver.toString()).directory(tmp.toFile());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("prefix/share/jupyter").toString());
        pb.environment().put("JAVA_TOOL_OPTIONS", jvmOptions);
        pb.redirectError(tmp.resolve("driver.err").toFile());
        Process p = pb.start();
        p.getOutputStream().write(Json.MAPPER.writeValueAsBytes(request));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "driver did not finish");
        assertEquals(0, p.exitValue(), () -> "driver failed: " + readQuietly(tmp.resolve("driver.err")));
        return Json.MAPPER.readTree(out);
    }

    /** Compiles one class of package org.example into a jar and writes it with its POM in Maven's repository layout. */
    private static void publish(Path repo, String artifact, String version, String classBody, String pomExtra) throws Exception {
        Path dir = repo.resolve("org/example/" + artifact + "/" + version);
        Files.createDirectories(dir);
        String className = classBody.replaceFirst("^public class (\\w+).*", "$1");
        Path classes = Files.createTempDirectory(repo.getParent(), "classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var source = new SimpleJavaFileObject(URI.create("string:///org/example/" + className + ".java"), javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return "package org.example;\n" + classBody;
            }
        };
        assertTrue(compileWithSiblings(javac, classes, repo, source), "compiles " + className);
        try (OutputStream out = Files.newOutputStream(dir.resolve(artifact + "-" + version + ".jar"));
             JarOutputStream jar = new JarOutputStream(out)) {
            try (var files = Files.walk(classes)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    jar.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example</groupId><artifactId>" + artifact + "</artifactId><version>" + version + "</version>"
                + pomExtra + "</project>");
    }

    /** Hello refers to Dep: compile it against the jars published so far. */
    private static boolean compileWithSiblings(JavaCompiler javac, Path classes, Path repo, javax.tools.JavaFileObject source) throws Exception {
        StringBuilder cp = new StringBuilder();
        try (var files = Files.walk(repo)) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(f -> cp.append(f).append(java.io.File.pathSeparator));
        }
        return javac.getTask(null, null, null, List.of("-d", classes.toString(), "-cp", cp.toString()), null, List.of(source)).call();
    }

    private static String stdout(JsonNode cell) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode o : cell.get("outputs")) {
            if ("stream".equals(o.get("type").asText()) && "stdout".equals(o.get("name").asText())) {
                sb.append(o.get("text").asText());
            }
        }
        return sb.toString();
    }

    private static JsonNode result(JsonNode cell) {
        for (JsonNode o : cell.get("outputs")) {
            if ("execute_result".equals(o.get("type").asText())) {
                return o;
            }
        }
        throw new AssertionError("no execute_result in " + cell);
    }

    private static JsonNode error(JsonNode cell) {
        assertEquals("error", cell.get("status").asText(), cell.toString());
        for (JsonNode o : cell.get("outputs")) {
            if ("error".equals(o.get("type").asText())) {
                return o;
            }
        }
        throw new AssertionError("no error output in " + cell);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
