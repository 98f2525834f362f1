package fovea.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference side of {@code fovea bench gemm}: a Python process that times numpy's float32 matrix product
 * (OpenBLAS's SGEMM on Debian) on request, kept running so that its measurements interleave with Fovea's.
 */
final class NumpyGemm implements AutoCloseable {
    private static final String SCRIPT = "numpy_gemm.py";
    private static final Pattern NUMBER = Pattern.compile("\"seconds\":\\s*([0-9.eE+-]+)");
    private static final Pattern STRING_FIELD = Pattern.compile("\"(\\w+)\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Process process;
    private final BufferedReader answers;
    private final Writer requests;
    private final String numpyVersion, blasLibrary;

    private NumpyGemm(Process process, BufferedReader answers, Writer requests, String numpyVersion, String blasLibrary) {
        this.process = process;
        this.answers = answers;
        this.requests = requests;
        this.numpyVersion = numpyVersion;
        this.blasLibrary = blasLibrary;
    }

    /**
     * Starts {@code python} with the numpy script and BLAS limited to {@code threads} threads.
     * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed so that OpenBLAS tunes itself for this CPU.
     *
     * @throws IOException with a one-line reason when Python or numpy is missing
     */
    static NumpyGemm start(String python, int threads) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(python, "-c", script());
        Map<String, String> environment = builder.environment();
        environment.remove("OPENBLAS_CORETYPE");
        environment.remove("OPENBLAS_L2_SIZE");
        environment.put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String hello = answers.readLine();
        Map<String, String> fields = hello == null ? Map.of() : fields(hello);
        if (!fields.containsKey("numpy")) {
            process.destroy();
            String reason = fields.getOrDefault("error", python + " exited before answering");
            throw new IOException(reason);
        }
        return new NumpyGemm(process, answers, requests, fields.get("numpy"), fields.getOrDefault("blas", "unknown"));
    }

    private static String script() {
        try (InputStream in = NumpyGemm.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException("bench: resource " + SCRIPT + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = STRING_FIELD.matcher(json);
        while (matcher.find()) fields.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        return fields;
    }

    /** Which numpy and BLAS library the process loaded, for the report. */
    String description() {
        return "numpy " + numpyVersion + " with " + blasLibrary;
    }

    /** True when the library numpy loaded is OpenBLAS (Debian can also route it to the slow reference BLAS). */
    boolean isOpenBlas() {
        return blasLibrary.contains("openblas");
    }

    /** Seconds that {@code calls} back-to-back products of the shape took in numpy. */
    double seconds(GemmShape shape, int calls) throws IOException {
        requests.write(String.format("{\"m\": %d, \"k\": %d, \"n\": %d, \"calls\": %d}%n", shape.m(), shape.k(), shape.n(), calls));
        requests.flush();
        String answer = answers.readLine();
        Matcher matcher = answer == null ? null : NUMBER.matcher(answer);
        if (matcher == null || !matcher.find()) throw new IOException("numpy stopped answering (got " + answer + ")");
        return Double.parseDouble(matcher.group(1));
    }

    @Override public void close() {
        try {
            requests.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroy();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
