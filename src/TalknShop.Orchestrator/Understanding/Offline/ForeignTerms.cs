namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Spanish, French and German shopping words → the English the parsers read: product types, budget
/// phrases, "without"/"not", currencies, a few features. Keys are lower case without accents
/// (see <see cref="TextRewriter"/>); multi-word keys win over single words.
/// </summary>
internal static class ForeignTerms
{
    public static readonly IReadOnlyDictionary<string, string> Phrases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Spanish
        ["ordenador portatil"] = "laptop", ["computadora portatil"] = "laptop", ["portatil"] = "laptop",
        ["telefono movil"] = "phone", ["telefono"] = "phone", ["celular"] = "phone", ["movil"] = "phone",
        ["tableta"] = "tablet", ["audifonos"] = "headphones", ["auriculares"] = "headphones", ["cascos"] = "headphones",
        ["televisor"] = "tv", ["television"] = "tv", ["monitor"] = "monitor", ["camara"] = "camera",
        ["zapatillas para correr"] = "running shoes", ["zapatillas de running"] = "running shoes", ["zapatillas de correr"] = "running shoes",
        ["zapatillas"] = "sneakers", ["zapatos"] = "shoes", ["cafetera"] = "coffee maker", ["aspiradora robot"] = "robot vacuum",
        ["aspiradora"] = "vacuum", ["reloj inteligente"] = "smartwatch", ["altavoz"] = "speaker", ["bocina"] = "speaker",
        ["teclado"] = "keyboard", ["raton"] = "mouse", ["impresora"] = "printer", ["enrutador"] = "router",
        ["consola"] = "console", ["mochila"] = "backpack", ["licuadora"] = "blender", ["batidora"] = "blender",
        ["freidora de aire"] = "air fryer", ["chaqueta"] = "jacket", ["chamarra"] = "jacket", ["abrigo"] = "coat",
        ["silla de oficina"] = "office chair", ["silla"] = "chair",
        ["por menos de"] = "under", ["menos de"] = "under", ["maximo"] = "max", ["hasta"] = "up to", ["mas de"] = "over",
        ["entre"] = "between", ["alrededor de"] = "around", ["barato"] = "cheap", ["barata"] = "cheap", ["baratos"] = "cheap",
        ["baratas"] = "cheap", ["economico"] = "cheap", ["sin"] = "without", ["pero no"] = "but no", ["que no sea"] = "not",
        ["inalambricos"] = "wireless", ["inalambricas"] = "wireless", ["inalambrico"] = "wireless", ["inalambrica"] = "wireless",
        ["pulgadas"] = "inch", ["dolares"] = "dollars", ["negro"] = "black", ["blanco"] = "white", ["rojo"] = "red",
        ["azul"] = "blue", ["gris"] = "gray", ["busco"] = "looking for", ["quiero"] = "i want", ["necesito"] = "i need",
        ["impermeable"] = "waterproof", ["usado"] = "used", ["nuevo"] = "new", ["reacondicionado"] = "refurbished",

        // French
        ["ordinateur portable"] = "laptop", ["ordinateur"] = "computer", ["portable"] = "portable",
        ["telephone"] = "phone", ["smartphone"] = "smartphone", ["tablette"] = "tablet", ["ecouteurs"] = "earbuds",
        ["casque"] = "headphones", ["televiseur"] = "tv", ["tele"] = "tv", ["ecran"] = "monitor", ["appareil photo"] = "camera",
        ["chaussures de course"] = "running shoes", ["chaussures"] = "shoes", ["baskets"] = "sneakers", ["cafetiere"] = "coffee maker",
        ["machine a cafe"] = "coffee maker", ["aspirateur robot"] = "robot vacuum",
        ["aspirateur"] = "vacuum", ["montre connectee"] = "smartwatch", ["enceinte"] = "speaker", ["clavier"] = "keyboard",
        ["souris"] = "mouse", ["imprimante"] = "printer", ["routeur"] = "router", ["sac a dos"] = "backpack", ["mixeur"] = "blender",
        ["friteuse a air"] = "air fryer", ["friteuse sans huile"] = "air fryer", ["veste"] = "jacket", ["manteau"] = "coat",
        ["chaise de bureau"] = "office chair", ["fauteuil de bureau"] = "office chair",
        ["a moins de"] = "under", ["moins de"] = "under", ["pas plus de"] = "no more than", ["jusqu'a"] = "up to", ["plus de"] = "over",
        ["environ"] = "around", ["pas cher"] = "cheap", ["pas chere"] = "cheap", ["pas chers"] = "cheap", ["bon marche"] = "cheap",
        ["sans fil"] = "wireless", ["mais pas de"] = "but no", ["pas de"] = "no", ["sans"] = "without", ["je cherche"] = "looking for",
        ["je voudrais"] = "i want", ["pouces"] = "inch", ["noir"] = "black", ["blanc"] = "white", ["rouge"] = "red", ["bleu"] = "blue",
        ["etanche"] = "waterproof", ["d'occasion"] = "used", ["reconditionne"] = "refurbished",

        // German
        ["notebook"] = "notebook", ["handy"] = "phone", ["tablet"] = "tablet",
        ["kopfhorer"] = "headphones", ["ohrhorer"] = "earbuds", ["fernseher"] = "tv", ["bildschirm"] = "monitor", ["kamera"] = "camera",
        ["laufschuhe"] = "running shoes", ["schuhe"] = "shoes", ["turnschuhe"] = "sneakers", ["kaffeemaschine"] = "coffee maker",
        ["saugroboter"] = "robot vacuum", ["staubsauger"] = "vacuum", ["smartwatch"] = "smartwatch", ["lautsprecher"] = "speaker",
        ["tastatur"] = "keyboard", ["maus"] = "mouse", ["drucker"] = "printer", ["rucksack"] = "backpack", ["mixer"] = "blender",
        ["heissluftfritteuse"] = "air fryer", ["jacke"] = "jacket", ["burostuhl"] = "office chair", ["spielkonsole"] = "console",
        ["unter"] = "under", ["bis zu"] = "up to", ["bis"] = "up to", ["hochstens"] = "at most", ["maximal"] = "max", ["uber"] = "over",
        ["mindestens"] = "at least", ["ungefahr"] = "around", ["etwa"] = "around", ["zwischen"] = "between", ["und"] = "and",
        ["gunstig"] = "cheap", ["gunstiger"] = "cheap", ["gunstige"] = "cheap", ["gunstigen"] = "cheap", ["billig"] = "cheap",
        ["billiger"] = "cheap", ["billige"] = "cheap", ["kabellos"] = "wireless", ["kabellose"] = "wireless", ["kabellosen"] = "wireless",
        ["aber nicht von"] = "but not", ["nicht von"] = "not", ["kein"] = "no", ["keine"] = "no", ["ohne"] = "without",
        ["ich suche"] = "looking for", ["zoll"] = "inch", ["schwarz"] = "black", ["weiss"] = "white", ["weis"] = "white", ["rot"] = "red",
        ["blau"] = "blue", ["wasserdicht"] = "waterproof", ["gebraucht"] = "used", ["generaluberholt"] = "refurbished",
        ["von"] = "from",

        // Currencies written out.
        ["euros"] = "euros", ["euro"] = "euros",
    };

    /// <summary>Shopper shorthand for a line the catalog spells out.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ps5"] = "playstation 5", ["ps 5"] = "playstation 5", ["playstation5"] = "playstation 5",
    };
}
