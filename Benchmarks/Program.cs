Console.WriteLine("StreamOrleans benchmarks: under construction");
