namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>
/// The held-out part of the understanding evaluation, written for issue 16 before the extractor
/// changed and never tuned on. Do not edit it to make a case pass: add cases to
/// <see cref="TuningSet"/> instead. Format: see <see cref="EvaluationSet"/>.
/// </summary>
internal static class HeldOutSet
{
    public const string Text = """
        ## negation
        I don't want to spend more than 500 on headphones => type=headphones; max=500
        any brand except razer for a gaming mouse => type=mouse; not=Razer
        moving from iphone to android, need a new phone => type=phone; not=Apple
        laptop, not the pricey ones => type=laptop; qual=budget
        i want a camera thats better than my phone's camera => type=camera; nottype=phone
        a second screen for my laptop => type=monitor; nottype=laptop
        tv but NOT samsung or lg please => type=tv; not=Samsung, LG
        headphones that arent wireless, i hate charging stuff => type=headphones; attr=!wireless
        no refurbished phones, new only => type=phone; cond=new
        keyboard, nothing from apple => type=keyboard; not=Apple
        shoes under 120 but no nike => type=shoes; max=120; not=Nike
        i dont need noise cancelling just cheap earbuds => type=headphones; qual=budget

        ## typos
        hedphones under 100 => type=headphones; max=100
        cheap labtop for school => type=laptop; qual=budget
        samsnug phone => type=phone; brands=Samsung
        27 inch moniter => type=monitor; attr=screen_inches=27
        blutooth speker waterproof => type=speaker; attr=wireless, water_resistant
        cordless vaccum cleaner => type=vacuum; attr=wireless
        mechanical keybaord => type=keyboard
        lenvo thinkpad => type=laptop; brands=Lenovo; lines=thinkpad
        addidas running shoes size 10 => type=shoes; brands=Adidas; attr=shoe_type=running, size=10
        expresso machine under 300 => type=coffee_maker; max=300
        smartwach with gps => type=smartwatch
        ofice chair for my back => type=office_chair
        i need a new tablit => type=tablet
        airfrier 5 quart => type=air_fryer; attr=capacity_quarts=5

        ## lines
        pixel 8 => type=phone; brands=Google; lines=pixel 8
        galaxy s24 ultra 256gb => type=phone; brands=Samsung; lines=galaxy s24 ultra; attr=storage_gb>=256
        steam deck => type=game_console; brands=Valve; lines=steam deck
        surface pro for note taking => type=tablet; brands=Microsoft; lines=surface pro
        ps5 => type=game_console; brands=Sony; lines=playstation 5
        xbox series x under 500 => type=game_console; brands=Microsoft; lines=xbox series x; max=500
        macbook air 13 inch => type=laptop; brands=Apple; lines=macbook air; attr=screen_inches=13
        airpods pro => type=headphones; brands=Apple; lines=airpods pro
        dyson v15 => type=vacuum; brands=Dyson; lines=v15
        sony wh-1000xm5 => type=headphones; brands=Sony; lines=wh-1000xm5
        a roomba that also mops => type=vacuum; brands=iRobot; lines=roomba
        nintendo switch oled => type=game_console; brands=Nintendo; lines=switch oled

        ## needs
        something to sit on at my desk, my back hurts => type=office_chair
        the wifi doesnt reach my bedroom => type=router
        a gift for a 10 year old who likes drawing => type=tablet
        something that makes a full pot of coffee => type=coffee_maker
        i want to make smoothies every morning => type=blender
        need something to listen to podcasts on the train => type=headphones
        something to keep me warm and dry when hiking in the rain => type=jacket; attr=water_resistant
        my floors are covered in dog hair => type=vacuum
        i want to fry chicken without all the oil => type=air_fryer
        something to carry my laptop to work => type=backpack; nottype=laptop

        ## comparison
        ps5 vs xbox => type=game_console; brands=Sony, Microsoft; compare=Sony|Microsoft
        pixel 9 or iphone 16? => type=phone; brands=Google, Apple; compare=pixel 9|iphone 16
        is the macbook air worth it over a dell xps => type=laptop; brands=Apple, Dell; compare=macbook air|xps
        bose vs sony noise cancelling headphones => type=headphones; brands=Bose, Sony; attr=noise_cancelling; compare=Bose|Sony
        ninja or vitamix blender => type=blender; brands=Ninja, Vitamix; compare=Ninja|Vitamix
        galaxy watch or apple watch, which is better => type=smartwatch; brands=Samsung, Apple; compare=Samsung|Apple
        switch vs steam deck for my kid => type=game_console; brands=Nintendo, Valve; compare=switch|steam deck
        should i get an ipad or a galaxy tab => type=tablet; brands=Apple, Samsung; compare=ipad|galaxy tab
        roomba vs shark robot vacuum => type=vacuum; brands=iRobot, Shark; compare=roomba|Shark

        ## rambling
        my daughter starts college in the fall and shes been using my old laptop which is falling apart, so we need something light, no more than 800, she likes silver => type=laptop; max=800; attr=color=silver
        ok so my husband keeps complaining about his headphones, he takes the train for an hour every day and wants something that blocks out the noise, we were thinking 200 or so => type=headphones; attr=noise_cancelling; min=160; max=240
        we just moved into a bigger house and the internet is terrible upstairs, my son games a lot and my wife works from home, budget is like 300 max => type=router; max=300
        so i run about 20 miles a week and my knees have been hurting, a friend said new shoes might help, i wear a 9.5 womens => type=shoes; attr=shoe_type=running, size=9.5, gender=women
        i have been making coffee with a french press for years but honestly i want something i can just push a button in the morning, nothing fancy, under 100 => type=coffee_maker; max=100
        my old tv died during the game last night lol, living room is pretty big, thinking 65 inch, dont want to go over 900 => type=tv; attr=screen_inches=65; max=900
        i work from home and sit for like 10 hours a day and my back is killing me, i need a good chair, can spend up to 400 => type=office_chair; max=400
        my parents want to video call the grandkids and they are not techy at all, something simple with a big screen, around 300 => type=tablet; min=240; max=360

        ## prices
        headphones 50-100 => type=headphones; min=50; max=100
        tv 500 to 800 => type=tv; min=500; max=800
        laptop under 1k => type=laptop; max=1000
        phone no more than 400 => type=phone; max=400
        monitor up to $250 => type=monitor; max=250
        camera around 700 => type=camera; min=560; max=840
        premium headphones => type=headphones; qual=premium
        cheap blender => type=blender; qual=budget
        laptop under 900 euros => type=laptop; max=900; cur=EUR
        smartwatch below £200 => type=smartwatch; max=200; cur=GBP
        speaker for 30 bucks or less => type=speaker; max=30
        running shoes over 100 => type=shoes; attr=shoe_type=running; min=100

        ## sizes
        13 inch laptop => type=laptop; attr=screen_inches=13
        air fryer at least 6 quarts => type=air_fryer; attr=capacity_quarts>=6
        a backpack that fits a 15 inch laptop => type=backpack; nottype=laptop
        tv 55 inches or bigger => type=tv; attr=screen_inches>=55
        phone with at least 128gb => type=phone; attr=storage_gb>=128
        laptop with 32 gigs of ram => type=laptop; attr=ram_gb>=32
        12 cup coffee maker => type=coffee_maker; attr=capacity_cups=12
        monitor 144hz or more => type=monitor; attr=refresh_hz>=144
        tablet no bigger than 11 inches => type=tablet; attr=screen_inches<=11
        mens jacket size large => type=jacket; attr=gender=men, size=L

        ## languages
        busco audífonos inalámbricos por menos de 100 euros => type=headphones; attr=wireless; max=100; cur=EUR
        quiero un portátil sin Apple, máximo 800 dólares => type=laptop; not=Apple; max=800
        necesito un televisor de 55 pulgadas => type=tv; attr=screen_inches=55
        je cherche un ordinateur portable à moins de 700 euros => type=laptop; max=700; cur=EUR
        des écouteurs sans fil mais pas de Sony => type=headphones; attr=wireless; not=Sony
        une cafetière pas chère => type=coffee_maker; qual=budget
        ich suche Kopfhörer unter 200 Euro, aber nicht von Sony => type=headphones; max=200; cur=EUR; not=Sony
        ein günstiger Staubsauger => type=vacuum; qual=budget
        Laufschuhe von Nike, Größe 42 => type=shoes; brands=Nike; attr=shoe_type=running
        zapatillas para correr => type=shoes; attr=shoe_type=running

        ## offtopic
        hi => intent=greeting
        hello there! => intent=greeting
        how do i reset my earbuds => intent=support
        whats your return policy => intent=support
        where is my order => intent=support
        what's the weather like tomorrow => intent=off_topic
        tell me a joke => intent=off_topic
        i want a kayak => unsupported=kayak
        do you sell groceries like milk and eggs => unsupported=groceries

        ## conversation: dialogue
        > laptop under 1000 => type=laptop; max=1000
        > make it 1200 => +max=1200
        > the second one => +ref=2; intent=product_question

        ## conversation: dialogue
        > espresso machine => type=coffee_maker
        > is the first one good for espresso? => +ref=1; intent=product_question
        > thanks! => +intent=thanks

        ## conversation: dialogue
        > headphones under 150 => type=headphones; max=150
        > actually a tablet instead => type=tablet; max=150

        ## conversation: dialogue
        > sony tv 65 inch => type=tv; brands=Sony; attr=screen_inches=65
        > no wait, not sony => type=tv; not=Sony; attr=screen_inches=65
        > under 1000 => +max=1000

        ## conversation: dialogue
        > hi => intent=greeting
        > i need running shoes => type=shoes; attr=shoe_type=running
        > size 11, mens => +attr=shoe_type=running, size=11, gender=men

        ## conversation: negation
        > phone => type=phone
        < What's your budget?
        > not more than 600 => type=phone; max=600
        > and no apple => +not=Apple

        ## conversation: prices
        > gaming monitor => type=monitor
        < What's your budget?
        > 300-400 => type=monitor; min=300; max=400
        > cheaper => type=monitor; max=320

        ## conversation: comparison
        > ps5 or xbox series x => type=game_console; brands=Sony, Microsoft; compare=playstation 5|xbox series x
        > which one has more storage => +ref=; intent=product_question

        ## conversation: dialogue
        > robot vacuum under 400 => type=vacuum; max=400
        > how about the third one => +ref=3; intent=product_question
        > perfect thank you => +intent=thanks

        ## conversation: offtopic
        > air fryer => type=air_fryer
        > what's your return policy => +intent=support

        ## conversation: typos
        > wireles earbuds => type=headphones; attr=wireless
        > nothing over 80 => +max=80

        ## conversation: languages
        > busco una tablet => type=tablet
        > menos de 300 euros => type=tablet; max=300; cur=EUR

        ## conversation: rambling
        > ok so im looking for a blender, my wife makes smoothies and the old one broke => type=blender
        > she wants a ninja but not the big one, under 100 => type=blender; brands=Ninja; max=100

        ## conversation: sizes
        > backpack for my 15 inch laptop => type=backpack; nottype=laptop
        > waterproof please => +attr=water_resistant
        """;
}
