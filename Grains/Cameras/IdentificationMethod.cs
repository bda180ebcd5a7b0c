namespace StreamOrleans.Grains.Cameras;

/// <summary>How a camera names a face from the gallery.</summary>
public enum IdentificationMethod
{
    /// <summary>Nearest enrolled descriptor by Euclidean distance, "Unknown" beyond Cameras:MatchThreshold.</summary>
    Nearest,

    /// <summary>ML.NET maximum-entropy (multinomial logistic regression) model of the gallery, "Unknown" below Cameras:ClassifierThreshold.</summary>
    Classifier,
}
