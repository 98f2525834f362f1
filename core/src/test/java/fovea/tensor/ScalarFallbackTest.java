package fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without --add-modules jdk.incubator.vector the library still computes, on scalar loops, and says so once. */
class ScalarFallbackTest {
    /** Run in a child JVM started without the Vector API module. */
    public static void main(String[] args) {
        System.out.println(compute());
    }

    /** A small forward and backward through matmul, relu, log and sum: "loss gradSum". */
    private static String compute() {
        Tensor a = Tensor.arange(40 * 30).reshape(40, 30).div(100f).requiresGrad(true);
        Tensor b = Tensor.arange(30 * 20).reshape(30, 20).div(50f);
        Tensor loss = a.matmul(b).relu().add(1f).log().sum();
        loss.backward();
        return loss.item() + " " + a.grad().sum().item();
    }

    @Test void worksWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScalarFallbackTest.class.getName()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), err);
        assertTrue(err.contains("Vector API") && err.contains("scalar"), "expected the one-line notice; got: " + err);
        assertEquals(1, err.lines().filter(line -> line.contains("Vector API")).count(), "said once");

        List<String> scalar = List.of(out.split(" "));
        List<String> vector = List.of(compute().split(" "));     // the same computation here, with the Vector API
        for (int i = 0; i < 2; i++) {
            float expected = Float.parseFloat(vector.get(i));
            assertEquals(expected, Float.parseFloat(scalar.get(i)), 1e-4f * Math.abs(expected));
        }
    }
}
