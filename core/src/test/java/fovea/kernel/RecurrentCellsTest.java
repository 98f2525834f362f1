package fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The vectorized gate loops of a recurrent step against their plain twins on odd widths, and the vector exp. */
class RecurrentCellsTest {
    private static final int[] HIDDEN = {1, 7, 8, 31, 33, 1000};

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (2 * random.nextGaussian());
        return values;
    }

    /** Within 2e-6 of each other: the vector exp is within a few ulp, the plain loop computes exp in double. */
    private static void assertClose(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= 2e-6 * (1 + Math.abs(expected[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + "; expected " + expected[i]);
            }
        }
    }

    @Test void vectorExpIsWithinAFewUlpAndSaturatesCleanly() {
        Assumptions.assumeTrue(Simd.AVAILABLE, "needs the Vector API");
        jdk.incubator.vector.VectorSpecies<Float> s = Vectors.FLOAT;
        float[] out = new float[s.length()];
        double worst = 0;
        for (float x = -80f; x < 80f; x += 0.0137f) {
            VectorRecurrentCells.exp(jdk.incubator.vector.FloatVector.broadcast(s, x)).intoArray(out, 0);
            worst = Math.max(worst, Math.abs(out[0] - Math.exp(x)) / Math.exp(x));
        }
        assertTrue(worst < 5e-7, "relative error " + worst);
        VectorRecurrentCells.sigmoid(jdk.incubator.vector.FloatVector.broadcast(s, -200f)).intoArray(out, 0);
        assertEquals(0f, out[0], 1e-30);
        VectorRecurrentCells.tanh(jdk.incubator.vector.FloatVector.broadcast(s, 200f)).intoArray(out, 0);
        assertEquals(1f, out[0]);
        VectorRecurrentCells.tanh(jdk.incubator.vector.FloatVector.broadcast(s, -200f)).intoArray(out, 0);
        assertEquals(-1f, out[0]);
    }

    @Test void lstmStepMatchesThePlainLoop() {
        Assumptions.assumeTrue(Simd.AVAILABLE, "needs the Vector API");
        for (int hidden : HIDDEN) {
            int batch = 3;
            RecurrentCells.Step step = new RecurrentCells.Step(5, 2, 2 + batch * hidden);   // odd offsets
            int size = 2 + 2 * batch * hidden;
            float[] gates = random(5 + batch * 4 * hidden, hidden);
            float[] c = random(size, hidden + 1);
            float[][] plain = {gates.clone(), new float[size], c.clone(), new float[batch * hidden + 3]};
            float[][] fast = {gates.clone(), new float[size], c.clone(), new float[batch * hidden + 3]};
            RecurrentCells.lstmForwardPlain(hidden, plain[0], plain[1], plain[2], plain[3], 3, step, 0, batch, 0);
            VectorRecurrentCells.lstmForward(hidden, fast[0], fast[1], fast[2], fast[3], 3, step, 0, batch);
            for (int k = 0; k < 4; k++) assertClose("lstm forward " + hidden + " array " + k, plain[k], fast[k]);

            float[] upstream = random(batch * hidden + 1, hidden + 2);
            float[] recurrent = random(batch * hidden, hidden + 3);
            float[] dcPlain = random(batch * hidden, hidden + 4);
            float[] dcFast = dcPlain.clone();
            float[] dPlain = new float[gates.length];
            float[] dFast = new float[gates.length];
            RecurrentCells.lstmBackwardPlain(hidden, plain[0], plain[2], plain[3], 3, upstream, 1, recurrent, dcPlain, dPlain,
                    step, 0, batch, 0);
            VectorRecurrentCells.lstmBackward(hidden, plain[0], plain[2], plain[3], 3, upstream, 1, recurrent, dcFast, dFast,
                    step, 0, batch);
            assertClose("lstm backward gates " + hidden, dPlain, dFast);
            assertClose("lstm backward dc " + hidden, dcPlain, dcFast);
        }
    }

    @Test void gruStepMatchesThePlainLoop() {
        Assumptions.assumeTrue(Simd.AVAILABLE, "needs the Vector API");
        for (int hidden : HIDDEN) {
            int batch = 2;
            RecurrentCells.Step step = new RecurrentCells.Step(1, 0, batch * hidden);
            float[] gates = random(1 + batch * 3 * hidden, hidden);
            float[] hp = random(batch * 3 * hidden, hidden + 1);
            float[] bHn = random(hidden, hidden + 2);
            float[] h = random(2 * batch * hidden, hidden + 3);
            float[][] plain = {gates.clone(), new float[batch * hidden], h.clone()};
            float[][] fast = {gates.clone(), new float[batch * hidden], h.clone()};
            RecurrentCells.gruForwardPlain(hidden, plain[0], hp, bHn, plain[1], 0, plain[2], step, 0, batch, 0);
            VectorRecurrentCells.gruForward(hidden, fast[0], hp, bHn, fast[1], 0, fast[2], step, 0, batch);
            for (int k = 0; k < 3; k++) assertClose("gru forward " + hidden + " array " + k, plain[k], fast[k]);

            float[] upstream = random(batch * hidden, hidden + 4);
            float[] recurrent = random(batch * hidden, hidden + 5);
            float[][] outPlain = {new float[gates.length], new float[gates.length], new float[batch * hidden]};
            float[][] outFast = {new float[gates.length], new float[gates.length], new float[batch * hidden]};
            RecurrentCells.gruBackwardPlain(hidden, plain[0], plain[1], 0, plain[2], upstream, 0, recurrent, outPlain[0],
                    outPlain[1], outPlain[2], step, 0, batch, 0);
            VectorRecurrentCells.gruBackward(hidden, plain[0], plain[1], 0, plain[2], upstream, 0, recurrent, outFast[0],
                    outFast[1], outFast[2], step, 0, batch);
            for (int k = 0; k < 3; k++) assertClose("gru backward " + hidden + " array " + k, outPlain[k], outFast[k]);
        }
    }

    @Test void rnnStepMatchesThePlainLoop() {
        Assumptions.assumeTrue(Simd.AVAILABLE, "needs the Vector API");
        for (boolean relu : new boolean[] {false, true}) {
            for (int hidden : HIDDEN) {
                int batch = 3;
                RecurrentCells.Step step = new RecurrentCells.Step(2, 0, batch * hidden);
                float[] a = random(2 + batch * hidden, hidden);
                float[] plain = new float[2 * batch * hidden];
                float[] fast = new float[2 * batch * hidden];
                RecurrentCells.rnnForwardPlain(relu, hidden, a, plain, step, 0, batch, 0);
                VectorRecurrentCells.rnnForward(relu, hidden, a, fast, step, 0, batch);
                assertClose("rnn forward", plain, fast);
                float[] upstream = random(batch * hidden, hidden + 1);
                float[] recurrent = random(batch * hidden, hidden + 2);
                float[] dPlain = new float[a.length];
                float[] dFast = new float[a.length];
                RecurrentCells.rnnBackwardPlain(relu, hidden, plain, upstream, 0, recurrent, dPlain, step, 0, batch, 0);
                VectorRecurrentCells.rnnBackward(relu, hidden, plain, upstream, 0, recurrent, dFast, step, 0, batch);
                assertClose("rnn backward", dPlain, dFast);
            }
        }
    }
}
