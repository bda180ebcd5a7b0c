using StreamOrleans.Grains.Trends.Text;
using static StreamOrleans.Tests.Grains.Trends.Text.TokenRendering;

namespace StreamOrleans.Tests.Grains.Trends.Text;

public sealed class SocialTokenizerTests
{
    [Theory]
    [InlineData("see https://example.com/a?b=1.", "Word:see  Url:https://example.com/a?b=1  Punctuation:.")]
    [InlineData("HTTP://EXAMPLE.COM", "Url:HTTP://EXAMPLE.COM")]
    [InlineData("go to www.example.org/path, now", "Word:go  Word:to  Url:www.example.org/path  Punctuation:,  Word:now")]
    [InlineData("(https://en.wikipedia.org/wiki/Foo_(bar))", "Punctuation:(  Url:https://en.wikipedia.org/wiki/Foo_(bar)  Punctuation:)")]
    [InlineData("link:https://x.io!!", "Word:link  Punctuation::  Url:https://x.io  Punctuation:!![Emphasized]")]
    [InlineData("http:// alone", "Word:http  Punctuation::  Punctuation:/  Punctuation:/  Word:alone")]
    public void Urls_are_whole_without_trailing_punctuation(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("@John_Doe thanks", "Mention:@John_Doe=@john_doe  Word:thanks")]
    [InlineData("hi @a1,@b2", "Word:hi  Mention:@a1  Punctuation:,  Mention:@b2")]
    [InlineData("john@example.com", "Word:john  Punctuation:@  Word:example  Punctuation:.  Word:com")]
    [InlineData("@ nobody", "Punctuation:@  Word:nobody[Negator]")]
    public void Mentions_are_whole_but_not_inside_email_addresses(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("#BlackFriday deals", "Hashtag:#BlackFriday=#blackfriday  Word:deals")]
    [InlineData("#covid_19 #2024 #日本", "Hashtag:#covid_19  Punctuation:#  Number:2024  Hashtag:#日本")]
    [InlineData("C# rocks", "Word:C=c  Punctuation:#  Word:rocks")]
    [InlineData("#a#b", "Hashtag:#a  Punctuation:#  Word:b")]
    public void Hashtags_need_a_letter_and_a_word_start(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("😀", "Emoji:😀")]
    [InlineData("good😀", "Word:good  Emoji:😀")]
    [InlineData("😂😂😂", "Emoji:😂  Emoji:😂  Emoji:😂")]
    [InlineData("👍🏽", "Emoji:👍🏽=👍")] // skin tone
    [InlineData("❤️ you", "Emoji:❤️=❤  Word:you")] // variation selector
    [InlineData("👩‍💻", "Emoji:👩‍💻")] // ZWJ sequence
    [InlineData("👩🏽‍💻", "Emoji:👩🏽‍💻=👩‍💻")] // skin tone inside a ZWJ sequence
    [InlineData("👨‍👩‍👧‍👦!", "Emoji:👨‍👩‍👧‍👦  Punctuation:!")]
    [InlineData("🏳️‍🌈", "Emoji:🏳️‍🌈=🏳‍🌈")]
    [InlineData("🇺🇸🇬🇧", "Emoji:🇺🇸  Emoji:🇬🇧")] // flags: regional indicators in pairs
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿", "Emoji:🏴󠁧󠁢󠁳󠁣󠁴󠁿")] // tag sequence (Scotland)
    [InlineData("1️⃣ and #️⃣", "Emoji:1️⃣=1⃣  Word:and  Emoji:#️⃣=#⃣")] // keycaps
    [InlineData("© 2024", "Symbol:©  Number:2024")] // text-style symbol without FE0F
    [InlineData("©️", "Emoji:©️=©")]
    [InlineData("☀ ✨", "Emoji:☀  Emoji:✨")]
    public void Emoji_sequences_are_one_token(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData(":) :-( ;) <3 :D :P :'(", "Emoticon::)  Emoticon::-(  Emoticon:;)  Emoticon:<3  Emoticon::D  Emoticon::P  Emoticon::'(")]
    [InlineData("XD ^_^ D: o_O T_T -_- </3 \\o/", "Emoticon:XD  Emoticon:^_^  Emoticon:D:  Emoticon:o_O  Emoticon:T_T  Emoticon:-_-  Emoticon:</3  Emoticon:\\o/")]
    [InlineData("great:)", "Word:great  Emoticon::)")]
    [InlineData("so fun :)))", "Word:so  Word:fun  Emoticon::)))=:)[Elongated]")]
    [InlineData("<333", "Emoticon:<333=<3[Elongated]")]
    [InlineData("XDDD", "Emoticon:XDDD=XD[Elongated]")]
    [InlineData(":pizza", "Punctuation::  Word:pizza")]
    [InlineData("LOLXD", "Word:LOLXD=lolxd[AllCaps]")]
    [InlineData("(see above):", "Punctuation:(  Word:see  Word:above  Punctuation:)  Punctuation::")]
    [InlineData("x=(a)", "Word:x  Symbol:=  Punctuation:(  Word:a  Punctuation:)")]
    [InlineData("at 10:30", "Word:at  Number:10:30")]
    public void Emoticons_are_whole_and_bounded(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("don't can’t", "Word:don't[Negator]  Word:can’t=can't[Negator]")]
    [InlineData("rock'n'roll well-known", "Word:rock'n'roll  Word:well-known")]
    [InlineData("'quoted'", "Punctuation:'  Word:quoted  Punctuation:'")]
    [InlineData("covid-19", "Word:covid  Punctuation:-  Number:19")]
    [InlineData("2nd B4 covid19", "Word:2nd  Word:B4=b4  Word:covid19")]
    [InlineData("Café naïve Ελληνικά", "Word:Café=café  Word:naïve  Word:Ελληνικά=ελληνικά")]
    [InlineData("3.14 1,000 3.", "Number:3.14  Number:1,000  Number:3  Punctuation:.")]
    [InlineData("-5 50%", "Punctuation:-  Number:5  Number:50  Punctuation:%")]
    [InlineData("$100 + tax", "Symbol:$  Number:100  Symbol:+  Word:tax")]
    [InlineData("U.S.A.", "Word:U=u  Punctuation:.  Word:S=s  Punctuation:.  Word:A=a  Punctuation:.")]
    public void Words_and_numbers(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("soooo good", "Word:soooo=soo[Elongated]  Word:good")]
    [InlineData("SOOOO", "Word:SOOOO=soo[AllCaps,Elongated]")]
    [InlineData("goooood cooool", "Word:goooood=good[Elongated]  Word:cooool=cool[Elongated]")]
    [InlineData("book zzz", "Word:book  Word:zzz=zz[Elongated]")]
    [InlineData("Yesss", "Word:Yesss=yess[Elongated]")]
    [InlineData("1000", "Number:1000")]
    public void Elongations_are_flagged_and_cut_to_two_letters(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("I LOVE it", "Word:I=i  Word:LOVE=love[AllCaps]  Word:it")]
    [InlineData("OMG!!!", "Word:OMG=omg[AllCaps]  Punctuation:!!![Emphasized]")]
    [InlineData("NASA's COVID19 A", "Word:NASA's=nasa's  Word:COVID19=covid19[AllCaps]  Word:A=a")]
    public void All_caps_words_are_flagged(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("wow! really? what?! no!!! ok...", "Word:wow  Punctuation:!  Word:really  Punctuation:?  Word:what  Punctuation:?![Emphasized]  Word:no[Negator]  Punctuation:!!![Emphasized]  Word:ok  Punctuation:...")]
    [InlineData("??", "Punctuation:??[Emphasized]")]
    public void Punctuation_runs_show_emphasis(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("I do not like this movie, but the music is good",
        "Word:I=i  Word:do  Word:not[Negator]  Word:like[Negated]  Word:this[Negated]  Word:movie[Negated]  Punctuation:,  Word:but  Word:the  Word:music  Word:is  Word:good")]
    [InlineData("don't like it! love it", "Word:don't[Negator]  Word:like[Negated]  Word:it[Negated]  Punctuation:!  Word:love  Word:it")]
    [InlineData("NEVER again #sad :( 2 times", "Word:NEVER=never[AllCaps,Negator]  Word:again[Negated]  Hashtag:#sad[Negated]  Emoticon::([Negated]  Number:2[Negated]  Word:times[Negated]")]
    [InlineData("not (really) good. Good", "Word:not[Negator]  Punctuation:(  Word:really[Negated]  Punctuation:)  Word:good[Negated]  Punctuation:.  Word:Good=good")]
    [InlineData("dont cant wont", "Word:dont[Negator]  Word:cant[Negator]  Word:wont[Negator]")]
    [InlineData("nothing @bob https://x.io good", "Word:nothing[Negator]  Mention:@bob  Url:https://x.io  Word:good[Negated]")]
    public void Negation_scope_runs_to_clause_punctuation(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Theory]
    [InlineData("", "")]
    [InlineData("   \t\n ", "")]
    [InlineData("a\u200Bb\u00A0c", "Word:a  Word:b  Word:c")]
    [InlineData("\u0301 ok", "Symbol:\u0301  Word:ok")] // a combining mark with nothing to combine with
    public void Whitespace_and_invisible_characters_separate(string text, string expected) => Assert.Equal(expected, Tokenize(text));

    [Fact]
    public void A_mixed_post()
    {
        const string post = "OMG @Acme your new phone is sooo GOOD!!! 😍😍 but the battery isn't great :( #fail https://t.co/xyz";
        Assert.Equal(
            "Word:OMG=omg[AllCaps]  Mention:@Acme=@acme  Word:your  Word:new  Word:phone  Word:is  Word:sooo=soo[Elongated]  "
            + "Word:GOOD=good[AllCaps]  Punctuation:!!![Emphasized]  Emoji:😍  Emoji:😍  Word:but  Word:the  Word:battery  "
            + "Word:isn't[Negator]  Word:great[Negated]  Emoticon::([Negated]  Hashtag:#fail[Negated]  Url:https://t.co/xyz",
            Tokenize(post));
    }

    [Fact]
    public void Positions_point_into_the_text()
    {
        const string text = "  hi 👍🏽 #Tag";
        var tokens = SocialTokenizer.Tokenize(text);

        Assert.Equal(3, tokens.Count);
        Assert.Equal((2, 2), (tokens[0].Start, tokens[0].Length));
        Assert.Equal((5, 4), (tokens[1].Start, tokens[1].Length));
        Assert.Equal((10, 4), (tokens[2].Start, tokens[2].Length));
        Assert.Same(text, tokens.Text);
        Assert.Equal("#tag", tokens.GetNormalizedString(2));
    }

    [Fact]
    public void A_reused_list_gives_the_same_tokens_and_grows_as_needed()
    {
        var list = new TokenList(capacity: 2);
        var longText = string.Join(' ', Enumerable.Range(0, 300).Select(k => k % 3 == 0 ? "Sooo" : "ok!"));

        SocialTokenizer.Tokenize("short one", list);
        Assert.Equal(Tokenize("short one"), Render(list));
        SocialTokenizer.Tokenize(longText, list);
        Assert.Equal(Tokenize(longText), Render(list));
        Assert.Equal(500, list.Count);
        SocialTokenizer.Tokenize("again :)", list);
        Assert.Equal("Word:again  Emoticon::)", Render(list));
    }

    [Fact]
    public void Tokenizing_into_a_warm_list_allocates_nothing()
    {
        const string post = "OMG @Acme your new phone is sooo GOOD!!! 😍 but not great :( #fail https://t.co/xyz";
        var list = new TokenList();
        SocialTokenizer.Tokenize(post, list);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 1000; k++)
        {
            SocialTokenizer.Tokenize(post, list);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(16, list.Count);
    }

    [Fact]
    public void Arguments_are_guarded()
    {
        Assert.Throws<ArgumentNullException>(() => SocialTokenizer.Tokenize(null!));
        Assert.Throws<ArgumentNullException>(() => SocialTokenizer.Tokenize("x", null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenList(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocialTokenizer.Tokenize("one")[1]);
    }
}
