package fovea.cli.autograd;

import fovea.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fovea demo}: the course's first computational graphs, f = (x + y) z and the two-input sigmoid neuron,
 * built with Fovea's autograd; prints every node's value and the gradient backward gave it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Backpropagation node by node on the course's small graphs.",
            "The graphs: f = (x + y) * z at x=-2, y=5, z=-4, and a sigmoid neuron",
            "f = sigmoid(w0*x0 + w1*x1 + w2) at w=(2,-3,-3), x=(-1,-2).",
            "Prints every node's value and gradient df/dnode."})
public final class DemoCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** A named node of the demo graph. */
    private record Named(String name, String formula, Tensor tensor) {}

    @Override public void run() {
        PrintWriter out = spec.commandLine().getOut();
        addMultiply(out);
        out.println();
        sigmoidNeuron(out);
        out.flush();
    }

    private static void addMultiply(PrintWriter out) {
        List<Named> nodes = new ArrayList<>();
        Tensor x = leaf(nodes, "x", -2);
        Tensor y = leaf(nodes, "y", 5);
        Tensor z = leaf(nodes, "z", -4);
        Tensor q = inner(nodes, "q", "x + y", x.add(y));
        Tensor f = inner(nodes, "f", "q * z", q.mul(z));
        f.backward();
        print(out, "f = (x + y) * z", nodes);
    }

    private static void sigmoidNeuron(PrintWriter out) {
        List<Named> nodes = new ArrayList<>();
        Tensor w0 = leaf(nodes, "w0", 2);
        Tensor x0 = leaf(nodes, "x0", -1);
        Tensor w1 = leaf(nodes, "w1", -3);
        Tensor x1 = leaf(nodes, "x1", -2);
        Tensor w2 = leaf(nodes, "w2", -3);
        Tensor a = inner(nodes, "a", "w0 * x0", w0.mul(x0));
        Tensor b = inner(nodes, "b", "w1 * x1", w1.mul(x1));
        Tensor s = inner(nodes, "s", "a + b + w2", a.add(b).add(w2));
        Tensor n = inner(nodes, "n", "-s", s.neg());
        Tensor e = inner(nodes, "e", "exp(n)", n.exp());
        Tensor d = inner(nodes, "d", "1 + e", e.add(1f));
        Tensor f = inner(nodes, "f", "1 / d", Tensor.scalar(1f).div(d));
        f.backward();
        print(out, "f = 1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))   (the sigmoid, one node per operation)", nodes);
        Tensor fused = Tensor.scalar(w0.item()).requiresGrad(true);
        Tensor check = fused.mul(x0.detach()).add(w1.detach().mul(x1.detach())).add(w2.detach()).sigmoid();
        check.backward();
        out.printf(Locale.ROOT, "The same neuron with sigmoid as one node (d sigmoid = (1 - f) f): f = %.4f, df/dw0 = %.4f%n",
                check.item(), fused.grad().item());
    }

    private static Tensor leaf(List<Named> nodes, String name, float value) {
        Tensor tensor = Tensor.scalar(value).requiresGrad(true);
        nodes.add(new Named(name, "input", tensor));
        return tensor;
    }

    private static Tensor inner(List<Named> nodes, String name, String formula, Tensor tensor) {
        nodes.add(new Named(name, formula, tensor.retainGrad()));
        return tensor;
    }

    private static void print(PrintWriter out, String title, List<Named> nodes) {
        out.println(title);
        out.printf(Locale.ROOT, "  %-5s %-12s %-8s %10s %12s%n", "node", "formula", "op", "value", "df/dnode");
        for (Named node : nodes) {
            Tensor t = node.tensor();
            out.printf(Locale.ROOT, "  %-5s %-12s %-8s %10.4f %12.4f%n", node.name(), node.formula(),
                    t.op() == null ? "leaf" : t.op(), t.item(), t.grad().item());
        }
    }
}
