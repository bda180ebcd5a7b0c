using System.Text.Json;
using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

public class PrequentialMetricsTests
{
    // actual -> predicted pairs; by hand: confusion rows (actual) 0: [2,1,0], 1: [0,1,1], 2: [0,0,2]
    private static readonly (int Actual, int Predicted)[] Outcomes = [(0, 0), (0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (2, 2)];

    [Fact]
    public void Accuracy_and_macro_f1_match_hand_computation()
    {
        var m = new PrequentialMetrics(3, 100);
        foreach (var (a, p) in Outcomes)
        {
            m.Record(a, p);
        }

        // F1 = 2TP / (actual + predicted): class 0: 4/(3+2) = 0.8; class 1: 2/(2+2) = 0.5; class 2: 4/(2+3) = 0.8.
        Assert.Equal(7, m.Count);
        Assert.Equal(5.0 / 7, m.Accuracy, 12);
        Assert.Equal((0.8 + 0.5 + 0.8) / 3, m.MacroF1, 12);
        Assert.Equal(1, m.ConfusionCount(0, 1));
    }

    [Fact]
    public void Window_forgets_old_examples()
    {
        var m = new PrequentialMetrics(3, 2);
        m.Record(0, 1);
        m.Record(0, 1);
        m.Record(2, 2);
        m.Record(1, 1);
        Assert.Equal(2, m.WindowCount);
        Assert.Equal(1.0, m.WindowAccuracy);
        Assert.Equal(1.0, m.WindowMacroF1);
        Assert.Equal(0.5, m.Accuracy);
    }

    [Fact]
    public void Classes_never_seen_nor_predicted_are_left_out_of_macro_f1()
    {
        var m = new PrequentialMetrics(3, 10);
        m.Record(0, 0);
        m.Record(2, 2);
        Assert.Equal(1.0, m.MacroF1);
    }

    [Fact]
    public void State_survives_a_json_round_trip()
    {
        var m = new PrequentialMetrics(3, 3);
        foreach (var (a, p) in Outcomes)
        {
            m.Record(a, p);
        }

        var json = JsonSerializer.Serialize(m.ExportState());
        var restored = PrequentialMetrics.FromState(JsonSerializer.Deserialize<PrequentialMetricsState>(json)!);
        Assert.Equal(m.Count, restored.Count);
        Assert.Equal(m.MacroF1, restored.MacroF1);
        Assert.Equal(m.WindowAccuracy, restored.WindowAccuracy);
        Assert.Equal(m.WindowMacroF1, restored.WindowMacroF1);
        m.Record(0, 2);
        restored.Record(0, 2);
        Assert.Equal(m.WindowAccuracy, restored.WindowAccuracy);
    }

    [Fact]
    public void Bad_class_index_is_rejected()
    {
        var m = new PrequentialMetrics(3, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Record(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Record(0, -1));
    }
}
