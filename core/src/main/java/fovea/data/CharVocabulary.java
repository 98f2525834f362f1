package fovea.data;

import java.util.Arrays;

/**
 * The characters of a text as class numbers, for character-level language models: the distinct characters
 * (UTF-16 units) in sorted order, so the same text always gives the same numbering.
 */
public final class CharVocabulary {
    private final char[] chars;

    private CharVocabulary(char[] chars) {
        this.chars = chars;
    }

    /** The distinct characters of {@code text}. */
    public static CharVocabulary of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("CharVocabulary: expected a non-empty text; got " + (text == null ? "null" : "\"\""));
        }
        return new CharVocabulary(text.chars().distinct().sorted().collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray());
    }

    /** A vocabulary saved by {@link #characters()}. */
    public static CharVocabulary fromCharacters(String characters) {
        CharVocabulary vocabulary = of(characters);
        if (vocabulary.size() != characters.length()) {
            throw new IllegalArgumentException("CharVocabulary: the saved characters repeat one; got " + characters.length()
                    + " characters, " + vocabulary.size() + " distinct");
        }
        return vocabulary;
    }

    /** The number of distinct characters. */
    public int size() {
        return chars.length;
    }

    /** All characters in class order, as one string (what a model file stores). */
    public String characters() {
        return new String(chars);
    }

    /** The class of every character of {@code text}; a character outside the vocabulary is an error. */
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            int index = Arrays.binarySearch(chars, text.charAt(i));
            if (index < 0) {
                throw new IllegalArgumentException("CharVocabulary: character '" + text.charAt(i) + "' (U+"
                        + String.format("%04X", (int) text.charAt(i)) + ") at position " + i
                        + " is not in the vocabulary of " + chars.length + " characters");
            }
            out[i] = index;
        }
        return out;
    }

    /** The text of the given classes. */
    public String decode(int[] classes) {
        StringBuilder text = new StringBuilder(classes.length);
        for (int c : classes) text.append(chars[c]);
        return text.toString();
    }
}
