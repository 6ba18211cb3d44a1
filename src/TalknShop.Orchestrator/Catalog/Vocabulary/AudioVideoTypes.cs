using static TalknShop.Orchestrator.Catalog.Vocabulary.Vocab;

namespace TalknShop.Orchestrator.Catalog.Vocabulary;

internal static class AudioVideoTypes
{
    public static readonly IReadOnlyList<ProductTypeDefinition> All =
    [
        new("headphones", "headphones", "Headphones", 400, 19m, 549m,
            ["headphone", "earbuds", "earphones", "headset", "airpods", "ear buds", "in-ear headphones", "over-ear headphones"],
            [
                B("Sony", 20, 0.7, "WH-1000XM5|noise_cancelling=true;wireless=true", "WF-1000XM5|@noun=Earbuds;noise_cancelling=true;wireless=true", "WH-CH720N|wireless=true", "MDR-7506|wireless=false;noise_cancelling=false"),
                B("Bose", 16, 0.8, "QuietComfort Ultra|noise_cancelling=true;wireless=true", "QuietComfort Earbuds II|@noun=Earbuds;noise_cancelling=true;wireless=true", "QuietComfort 45|wireless=true"),
                B("Apple", 16, 0.75, "AirPods Pro 2|@noun=Earbuds;noise_cancelling=true;wireless=true", "AirPods 4|@noun=Earbuds;wireless=true", "AirPods Max|noise_cancelling=true;wireless=true"),
                B("JBL", 13, 0.3, "Tune 520BT|wireless=true;noise_cancelling=false", "Live 660NC|wireless=true;noise_cancelling=true", "Vibe Beam|@noun=Earbuds;wireless=true"),
                B("Beats", 10, 0.6, "Studio Pro|wireless=true", "Solo 4|wireless=true", "Fit Pro|@noun=Earbuds;wireless=true"),
                B("Sennheiser", 8, 0.75, "Momentum 4|wireless=true;noise_cancelling=true", "HD 600|wireless=false;noise_cancelling=false", "Accentum Plus|wireless=true"),
                B("Anker", 9, 0.1, "Soundcore Life Q30|wireless=true", "Soundcore Liberty 4 NC|@noun=Earbuds;wireless=true;noise_cancelling=true", "Soundcore Space One|wireless=true"),
                B("Audio-Technica", 5, 0.45, "ATH-M50x|wireless=false;noise_cancelling=false", "ATH-M50xBT2|wireless=true"),
                B("Samsung", 3, 0.5, "Galaxy Buds3 Pro|@noun=Earbuds;wireless=true;noise_cancelling=true"),
            ],
            [
                A(AttributeKeys.Wireless, 0.3, "false", "true*5"),
                A(AttributeKeys.NoiseCancelling, 0.5, "false*2", "true*3"),
                A(AttributeKeys.BatteryHours, 0.15, "6", "8", "24", "30*2", "40", "60").When(AttributeKeys.Wireless, "true"),
                A(AttributeKeys.WaterResistant, 0, "false*3", "true"),
                A(AttributeKeys.Color, 0, "Black*4", "White*2", "Silver", "Midnight Blue", "Sandstone"),
            ],
            ["Multipoint Bluetooth pairs with two devices at once.", "Transparency mode lets you hear your surroundings.", "Soft memory-foam ear cushions.", "Quick charge: 10 minutes for 5 hours of playback.", "Clear calls with beamforming microphones.", "Spatial audio with head tracking."]),

        new("tv", "TVs", "Smart TV", 340, 149m, 4999m,
            ["television", "smart tv", "tvs", "oled tv", "qled tv", "flat screen"],
            [
                B("Samsung", 24, 0.65, "Crystal UHD DU7200|resolution=4k", "QLED Q80D|resolution=4k", "Neo QLED QN90D|resolution=4k", "OLED S90D|resolution=4k", "Neo QLED 8K QN900D|resolution=8k"),
                B("LG", 20, 0.65, "OLED evo C4|resolution=4k", "OLED evo G4|resolution=4k", "QNED85|resolution=4k", "UQ75|resolution=4k"),
                B("Sony", 13, 0.8, "BRAVIA 7|resolution=4k", "BRAVIA 8 OLED|resolution=4k", "BRAVIA 3|resolution=4k"),
                B("TCL", 17, 0.2, "QM8 QLED|resolution=4k", "Q6 QLED|resolution=4k", "S3 Class|resolution=1080p;screen_inches=32/40/43"),
                B("Hisense", 14, 0.2, "U8N Mini-LED|resolution=4k", "A6 Series|resolution=4k", "A4 Series|resolution=1080p;screen_inches=32/40/43"),
                B("Vizio", 8, 0.1, "V-Series|resolution=4k", "Quantum M-Series|resolution=4k", "D-Series|resolution=1080p;screen_inches=32/40"),
                B("Roku", 4, 0.05, "Select Series|resolution=4k", "Pro Series|resolution=4k"),
            ],
            [
                A(AttributeKeys.ScreenInches, 1.0, "32", "43*2", "50*2", "55*3", "65*3", "75*2", "85"),
                A(AttributeKeys.Resolution, 0.5, "1080p", "4k*8", "8k"),
                A(AttributeKeys.RefreshHz, 0.4, "60*3", "120*3", "144"),
            ],
            ["Dolby Vision and HDR10+.", "Built-in streaming apps and voice assistant.", "Game mode with variable refresh rate.", "Four HDMI ports including eARC.", "Slim bezel design, wall-mount ready.", "Dolby Atmos sound."]),

        new("camera", "cameras", "Camera", 240, 199m, 5999m,
            ["digital camera", "mirrorless camera", "dslr", "action camera", "vlogging camera"],
            [
                B("Canon", 22, 0.55, "EOS R50|@noun=Mirrorless Camera;megapixels=24", "EOS R6 Mark II|@noun=Mirrorless Camera;megapixels=24", "EOS R5|@noun=Mirrorless Camera;megapixels=45", "EOS Rebel T7|@noun=DSLR Camera;megapixels=24;resolution=1080p"),
                B("Sony", 24, 0.65, "Alpha a7 IV|@noun=Mirrorless Camera;megapixels=33", "Alpha a6700|@noun=Mirrorless Camera;megapixels=26", "ZV-E10 II|@noun=Vlogging Camera;megapixels=26", "Alpha a7R V|@noun=Mirrorless Camera;megapixels=61;resolution=8k"),
                B("Nikon", 16, 0.55, "Z6 III|@noun=Mirrorless Camera;megapixels=24", "Z fc|@noun=Mirrorless Camera;megapixels=20", "Z8|@noun=Mirrorless Camera;megapixels=45;resolution=8k"),
                B("Fujifilm", 14, 0.6, "X-T5|@noun=Mirrorless Camera;megapixels=40", "X100VI|@noun=Compact Camera;megapixels=40", "X-S20|@noun=Mirrorless Camera;megapixels=26"),
                B("Panasonic", 7, 0.5, "LUMIX S5II|@noun=Mirrorless Camera;megapixels=24", "LUMIX G9 II|@noun=Mirrorless Camera;megapixels=25"),
                B("GoPro", 12, 0.0, "HERO13 Black|@noun=Action Camera;megapixels=27;water_resistant=true", "HERO12 Black|@noun=Action Camera;megapixels=27;water_resistant=true"),
                B("DJI", 5, 0.1, "Osmo Action 5 Pro|@noun=Action Camera;megapixels=40;water_resistant=true", "Osmo Pocket 3|@noun=Gimbal Camera;megapixels=9"),
            ],
            [
                A(AttributeKeys.Megapixels, 0.5, "20", "24*3", "26*2", "33", "45", "61"),
                A(AttributeKeys.Resolution, 0.3, "1080p", "4k*6", "8k"),
                A(AttributeKeys.WaterResistant, 0, "false*4", "true"),
                A(AttributeKeys.Color, 0, "Black*5", "Silver"),
            ],
            ["Fast hybrid autofocus with subject detection.", "In-body image stabilization.", "Flip-out touchscreen for selfies and vlogs.", "Dual card slots.", "Kit lens included.", "Streams directly over USB-C."]),

        new("speaker", "speakers", "Speaker", 260, 29m, 999m,
            ["bluetooth speaker", "portable speaker", "smart speaker", "soundbar", "wireless speaker"],
            [
                B("JBL", 26, 0.3, "Flip 6|@noun=Portable Bluetooth Speaker;wireless=true", "Charge 5|@noun=Portable Bluetooth Speaker;wireless=true", "Boombox 3|@noun=Portable Bluetooth Speaker;wireless=true", "Bar 500|@noun=Soundbar;wireless=false"),
                B("Sonos", 17, 0.85, "Era 100|@noun=Smart Speaker", "Era 300|@noun=Smart Speaker", "Move 2|@noun=Portable Speaker;wireless=true", "Beam Gen 2|@noun=Soundbar;wireless=false"),
                B("Bose", 15, 0.7, "SoundLink Flex|@noun=Portable Bluetooth Speaker;wireless=true", "SoundLink Max|@noun=Portable Bluetooth Speaker;wireless=true", "Smart Soundbar|@noun=Soundbar;wireless=false"),
                B("Ultimate Ears", 12, 0.35, "BOOM 4|@noun=Portable Bluetooth Speaker;wireless=true", "WONDERBOOM 4|@noun=Portable Bluetooth Speaker;wireless=true"),
                B("Sony", 11, 0.45, "ULT Field 1|@noun=Portable Bluetooth Speaker;wireless=true", "SRS-XE300|@noun=Portable Bluetooth Speaker;wireless=true"),
                B("Marshall", 9, 0.65, "Emberton III|@noun=Portable Bluetooth Speaker;wireless=true", "Stanmore III|@noun=Home Speaker"),
                B("Anker", 10, 0.05, "Soundcore Motion 300|@noun=Portable Bluetooth Speaker;wireless=true", "Soundcore 2|@noun=Portable Bluetooth Speaker;wireless=true"),
            ],
            [
                A(AttributeKeys.Wireless, 0.2, "false", "true*4"),
                A(AttributeKeys.BatteryHours, 0.2, "12", "13", "20*2", "24", "30").When(AttributeKeys.Wireless, "true"),
                A(AttributeKeys.WaterResistant, 0.1, "false*2", "true*3"),
                A(AttributeKeys.Color, 0, "Black*4", "Blue*2", "Red", "White", "Gray"),
            ],
            ["Deep, room-filling bass.", "Pair two for stereo sound.", "Dustproof and waterproof (IP67).", "Works with voice assistants.", "USB-C charging and power bank mode."]),
    ];
}
