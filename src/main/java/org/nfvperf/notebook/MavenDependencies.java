package org.nfvperf.notebook;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven artifacts with their transitive dependencies for the kernel's {@code %maven},
 * {@code %mavenRepo} and {@code %loadFromPOM} magics, using Maven Resolver (the library Maven
 * itself uses) with the Maven 3 POM model.
 *
 * <p>Artifacts come from Maven Central and the repositories added with {@link #addRepository};
 * downloads are cached in the user's local repository ({@code ~/.m2/repository}, or the
 * {@code maven.repo.local} system property as for {@code mvn}), so an artifact fetched once
 * resolves offline afterwards. When a repository cannot be reached and the artifact is not cached,
 * the error says so in one line. The Central URL may be replaced (a mirror) with the system
 * property {@code nfvperf.maven.central}.
 *
 * <p>Not thread-safe; used by the kernel's evaluator thread.
 * <pre>{@code
 * MavenDependencies maven = MavenDependencies.fromSystemProperties();
 * List<Path> jars = maven.resolve(List.of("org.apache.commons:commons-math3:3.6.1"), Set.of("compile", "runtime"));
 * }</pre>
 */
final class MavenDependencies implements AutoCloseable {
    /** Maven Central, the default remote repository. */
    public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path localRepository;
    private final RepositorySystem system;
    private final RepositorySystemSession.CloseableSession session;
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();

    /**
     * @param localRepository where downloads are cached (Maven's local repository layout)
     * @param centralUrl      the URL of Maven Central or its mirror
     */
    public MavenDependencies(Path localRepository, String centralUrl) {
        this.localRepository = localRepository.toAbsolutePath();
        this.system = new RepositorySystemSupplier().get();
        this.session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(this.localRepository)
                .setSystemProperties(System.getProperties())
                .setConfigProperty("aether.connector.basic.threads", 2)
                // quick failure when offline instead of a minute per repository
                .setConfigProperty("aether.transport.http.connectTimeout", 10_000)
                .setConfigProperty("aether.transport.http.requestTimeout", 60_000)
                .setConfigProperty("aether.transport.http.retryHandler.count", 0)
                .build();
        addRepository("central", centralUrl);
    }

    /** Local repository from {@code maven.repo.local} or {@code ~/.m2/repository}; Central from {@code nfvperf.maven.central}. */
    public static MavenDependencies fromSystemProperties() {
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null && !local.isBlank() ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new MavenDependencies(repo, System.getProperty("nfvperf.maven.central", CENTRAL_URL));
    }

    /** The local repository downloads are cached in. */
    public Path localRepository() {
        return localRepository;
    }

    /** The remote repositories searched, in order: id to URL. */
    public Map<String, String> repositories() {
        Map<String, String> m = new LinkedHashMap<>();
        repositories.forEach((id, r) -> m.put(id, r.getUrl()));
        return m;
    }

    /**
     * Adds (or replaces, by id) a remote repository searched after the ones before it.
     *
     * @throws IllegalArgumentException if the id is blank or the URL has no scheme
     */
    public void addRepository(String id, String url) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("repository id must be non-blank: '" + id + "'");
        }
        if (url == null || !url.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            throw new IllegalArgumentException("repository url must be a URL such as https://host/path or file:///dir: '" + url + "'");
        }
        RepositoryPolicy policy = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).setReleasePolicy(policy).setSnapshotPolicy(policy).build());
    }

    /**
     * Resolves artifacts ({@code group:artifact[:extension[:classifier]]:version}) and their
     * transitive dependencies in the given scopes.
     *
     * @return the files, dependencies after the artifacts that need them, without duplicates
     * @throws IllegalArgumentException if a coordinate is malformed
     * @throws IOException              if something cannot be resolved (one line: what, from where, why)
     */
    public List<Path> resolve(List<String> coordinates, Set<String> scopes) throws IOException {
        List<Dependency> deps = new ArrayList<>();
        for (String c : coordinates) {
            deps.add(new Dependency(artifact(c), JavaScopes.COMPILE));
        }
        return resolveDependencies(deps, scopes);
    }

    private static Artifact artifact(String coordinate) {
        try {
            return new DefaultArtifact(coordinate.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("artifact must be group:artifact[:extension[:classifier]]:version: '" + coordinate + "'");
        }
    }

    /**
     * Resolves the dependencies a POM declares (and adds the repositories it declares), keeping
     * those whose scope is in {@code scopes}. {@code ${property}} references are replaced from the
     * POM's {@code <properties>} and {@code project.version}; parents and
     * {@code dependencyManagement} are not read, so every dependency needs its version.
     *
     * @param pomXml the POM's text; a fragment that is not a {@code <project>} (say, a
     *               {@code <dependencies>} element) is wrapped in one
     * @param where  the file or cell the POM came from, for messages
     */
    public List<Path> resolvePom(String pomXml, String where, Set<String> scopes) throws IOException {
        String xml = pomXml.contains("<project") ? pomXml
                : "<project><modelVersion>4.0.0</modelVersion>" + pomXml + "</project>";
        Model model;
        try (Reader r = new StringReader(xml)) {
            model = new MavenXpp3Reader().read(r, false);
        } catch (XmlPullParserException e) {
            throw new IllegalArgumentException(where + ": not a readable POM at line " + e.getLineNumber() + ": " + e.getMessage());
        }
        Properties props = new Properties();
        props.putAll(model.getProperties());
        if (model.getVersion() != null) {
            props.setProperty("project.version", model.getVersion());
        }
        for (org.apache.maven.model.Repository r : model.getRepositories()) {
            addRepository(r.getId(), interpolate(r.getUrl(), props, where));
        }
        List<Dependency> deps = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? JavaScopes.COMPILE : d.getScope();
            if (!scopes.contains(scope)) {
                continue;
            }
            if (d.getVersion() == null) {
                throw new IllegalArgumentException(where + ": dependency " + d.getGroupId() + ":" + d.getArtifactId()
                        + " must have a <version> (parents and dependencyManagement are not read)");
            }
            String coordinate = interpolate(d.getGroupId(), props, where) + ":" + interpolate(d.getArtifactId(), props, where)
                    + ":" + (d.getType() == null ? "jar" : d.getType())
                    + (d.getClassifier() == null ? "" : ":" + interpolate(d.getClassifier(), props, where))
                    + ":" + interpolate(d.getVersion(), props, where);
            deps.add(new Dependency(artifact(coordinate), JavaScopes.COMPILE));
        }
        if (deps.isEmpty()) {
            return List.of();
        }
        return resolveDependencies(deps, scopes);
    }

    /** Reads a POM file and resolves it as {@link #resolvePom(String, String, Set)}. */
    public List<Path> resolvePom(Path pom, Set<String> scopes) throws IOException {
        return resolvePom(Files.readString(pom), pom.toString(), scopes);
    }

    private static String interpolate(String s, Properties props, String where) {
        if (s == null) {
            return null;
        }
        Matcher m = PROPERTY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = props.getProperty(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(where + ": property ${" + m.group(1) + "} must be defined in <properties>: '" + s + "'");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private List<Path> resolveDependencies(List<Dependency> deps, Set<String> scopes) throws IOException {
        CollectRequest collect = new CollectRequest(deps, List.of(), List.copyOf(repositories.values()));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(scopes));
        try {
            List<ArtifactResult> results = system.resolveDependencies(session, request).getArtifactResults();
            Set<Path> files = new LinkedHashSet<>();
            for (ArtifactResult r : results) {
                if (r.getArtifact() != null && r.getArtifact().getPath() != null) {
                    files.add(r.getArtifact().getPath());
                }
            }
            return List.copyOf(files);
        } catch (DependencyResolutionException e) {
            throw new IOException(describe(deps, e));
        }
    }

    private String describe(List<Dependency> deps, DependencyResolutionException e) {
        String what = deps.stream().map(d -> d.getArtifact().toString()).collect(Collectors.joining(", "));
        String where = String.join(", ", repositories().values());
        Throwable offline = networkCause(e);
        if (offline != null) {
            String why = offline instanceof UnknownHostException ? "unknown host " + offline.getMessage() : offline.getMessage();
            return "cannot resolve " + what + ": the repositories cannot be reached (offline? " + why
                    + ") and it is not in the local repository "
                    + localRepository + "; searched " + where;
        }
        String root = rootMessage(e);
        return "cannot resolve " + what + ": " + root + " (searched " + where + "; local repository " + localRepository + ")";
    }

    private static Throwable networkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException || c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof java.net.http.HttpConnectTimeoutException || c instanceof java.net.SocketTimeoutException
                    || c.getClass().getSimpleName().equals("ConnectTimeoutException")
                    || c.getClass().getSimpleName().equals("HttpHostConnectException")) {
                return c;
            }
            for (Throwable s : c.getSuppressed()) {
                Throwable n = networkCause(s);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.replace('\n', ' ');
    }

    @Override
    public void close() {
        session.close();
        system.close();
    }
}
