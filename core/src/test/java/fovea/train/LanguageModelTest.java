package fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.data.CharVocabulary;
import fovea.nn.recurrent.CharRnn;
import fovea.optim.Adam;
import fovea.tensor.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Truncated BPTT on a small text: the loss falls, bits per character drop, samples follow the text; and GradientFlow. */
class LanguageModelTest {
    private static final String TEXT = "to be or not to be, that is the question. ".repeat(40);

    @Test void learnsARepeatedPhraseAndSamplesIt() {
        CharVocabulary vocabulary = CharVocabulary.of(TEXT);
        assertEquals(TEXT, vocabulary.decode(vocabulary.encode(TEXT)));
        int[] text = vocabulary.encode(TEXT);
        Generator random = new Generator(4);
        CharRnn model = new CharRnn(new CharRnn.Config(vocabulary.size(), 8, "gru", 32, 1, 0f), random);
        LanguageModel trainer = new LanguageModel(model,
                new Adam(model.parameters(), Adam.Config.defaults().withLr(0.01f)), random, new LanguageModel.Config(20, 4, 5f));
        double before = trainer.bitsPerCharacter(text);
        List<Integer> chunks = new ArrayList<>();
        Loop<LanguageModel.Chunk> loop = new Loop<>(trainer, 5).add(new Callback() {
            @Override public void onBatchEnd(int epoch, int batch, int batches, StepResult step) {
                if (epoch == 1) chunks.add(batch);
            }
        });
        History history = loop.fit(trainer.chunks(text), trainer.evaluationChunks(text));
        assertEquals(trainer.chunks(text).batchCount(), chunks.size());
        assertEquals((TEXT.length() / 4 - 1 + 19) / 20, chunks.size(), "every stream read once, 20 steps at a time");
        double first = history.epochs().get(0).trainLoss();
        double last = history.last().trainLoss();
        double after = trainer.bitsPerCharacter(text);
        assertEquals(after, history.last().validationLoss() / Math.log(2), 1e-12, "validation is the held-out loss in nats");
        assertTrue(before > 3.5, "an untrained model is near log2(" + vocabulary.size() + "): " + before);
        assertTrue(last < first && after < 1.0, "loss " + first + " -> " + last + ", bits " + before + " -> " + after);

        int[] prime = vocabulary.encode("to be or ");
        int[] cold = model.sample(prime, 30, 0.1f, new Generator(1));
        assertTrue(TEXT.contains(vocabulary.decode(cold)), "a cold sample follows the text: " + vocabulary.decode(cold));
        assertArrayEquals(cold, model.sample(prime, 30, 0.1f, new Generator(1)), "the same seed, the same sample");
        assertThrows(IllegalArgumentException.class, () -> vocabulary.encode("?"));
    }

    @Test void aVanillaRnnsGradientVanishesAndAnLstmsWithAForgetBiasDoesNot() {
        GradientFlow.Config config = new GradientFlow.Config(30, 4, 8, 32, 3f);
        double[] rnn = GradientFlow.rnn(config, new Generator(1));
        double[] lstm = GradientFlow.lstm(config, new Generator(1));
        double[] plain = GradientFlow.lstm(config.withForgetBias(0f), new Generator(1));
        assertTrue(rnn[0] / rnn[29] < 1e-5, "RNN: " + rnn[0] / rnn[29]);
        assertTrue(lstm[0] / lstm[29] > 1e-2, "LSTM with forget bias 3: " + lstm[0] / lstm[29]);
        assertTrue(plain[0] / plain[29] < lstm[0] / lstm[29] * 1e-3, "PyTorch's init: forget gates near 0.5");
    }
}
