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
class LanguageModelTrainerTest {
    private static final String TEXT = "to be or not to be, that is the question. ".repeat(40);

    @Test void learnsARepeatedPhraseAndSamplesIt() {
        CharVocabulary vocabulary = CharVocabulary.of(TEXT);
        assertEquals(TEXT, vocabulary.decode(vocabulary.encode(TEXT)));
        int[] text = vocabulary.encode(TEXT);
        Generator random = new Generator(4);
        CharRnn model = new CharRnn(new CharRnn.Config(vocabulary.size(), 8, "gru", 32, 1, 0f), random);
        LanguageModelTrainer trainer = new LanguageModelTrainer(model,
                new Adam(model.parameters(), Adam.Config.defaults().withLr(0.01f)), new LanguageModelTrainer.Config(20, 4, 5f));
        double before = trainer.bitsPerCharacter(text);
        List<Integer> chunks = new ArrayList<>();
        double first = trainer.trainEpoch(text, (chunk, total, loss) -> chunks.add(chunk));
        assertEquals(trainer.chunks(text), chunks.size());
        assertEquals((TEXT.length() / 4 - 1 + 19) / 20, chunks.size(), "every stream read once, 20 steps at a time");
        double last = first;
        for (int epoch = 0; epoch < 4; epoch++) last = trainer.trainEpoch(text, null);
        double after = trainer.bitsPerCharacter(text);
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
