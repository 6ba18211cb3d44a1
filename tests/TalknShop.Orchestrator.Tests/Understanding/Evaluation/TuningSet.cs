namespace TalknShop.Orchestrator.Tests.Understanding.Evaluation;

/// <summary>
/// The tuning part of the understanding evaluation (issue 16), written after the held-out part.
/// The extractor was developed against these; its figures measure the vocabulary, not shoppers.
/// Format: see <see cref="EvaluationSet"/>.
/// </summary>
internal static class TuningSet
{
    public const string Text = """
        ## negation
        i dont want to pay more than 300 for a monitor => type=monitor; max=300
        laptop, dont want to go over 1500 => type=laptop; max=1500
        not more than 80 for a keyboard => type=keyboard; max=80
        phone but not over 700 => type=phone; max=700
        any brand but apple, need a tablet => type=tablet; not=Apple
        headphones any brand except beats => type=headphones; not=Beats
        switching from samsung to something else, phone => type=phone; not=Samsung
        i want an android phone => type=phone; not=Apple
        not an iphone, some other phone => type=phone; not=Apple
        vacuum, not the expensive ones => type=vacuum; qual=budget
        tv nothing too pricey => type=tv; qual=budget
        a monitor for my macbook => type=monitor; nottype=laptop
        case for my phone => unsupported=case; nottype=phone
        a keyboard for my ipad => type=keyboard; nottype=tablet
        headphones for my iphone => type=headphones; nottype=phone
        speakers that arent bluetooth => type=speaker; attr=!wireless
        a mouse that isnt wireless => type=mouse; attr=!wireless
        printer without wifi => type=printer; attr=!wireless
        not refurbished, i want a new laptop => type=laptop; cond=new
        used is fine for a camera => type=camera; cond=used
        no used stuff, phone => type=phone; cond=new
        i dont care about noise cancelling, wireless headphones => type=headphones; attr=wireless
        blender but nothing from ninja or oster => type=blender; not=Ninja, Oster
        running shoes, no nike and no adidas => type=shoes; attr=shoe_type=running; not=Nike, Adidas
        jacket, not the north face => type=jacket; not=The North Face
        a phone with a camera better than my old iphone => type=phone; not=
        i dont want anything under 4 stars, headphones => type=headphones; rating=4

        ## typos
        wireles hedphones => type=headphones; attr=wireless
        hedphones for the gym => type=headphones
        gaming labtop under 1500 => type=laptop; max=1500
        cheep laptop => type=laptop; qual=budget
        samsnug tv 65 inch => type=tv; brands=Samsung; attr=screen_inches=65
        moniter for gaming 144hz => type=monitor; attr=refresh_hz>=144
        computer moniter 24 inch => type=monitor; attr=screen_inches=24
        blutooth headphones => type=headphones; attr=wireless
        portable speker => type=speaker
        vaccum for pet hair => type=vacuum
        robot vacum => type=vacuum
        keybord wireless => type=keyboard; attr=wireless
        gaming mose => type=mouse
        lenovo thinkpd => type=laptop; brands=Lenovo
        addidas sneakers => type=shoes; brands=Adidas
        nikey running shoes => type=shoes; brands=Nike; attr=shoe_type=running
        expresso maker => type=coffee_maker
        cofee maker 12 cup => type=coffee_maker; attr=capacity_cups=12
        smartwach for running => type=smartwatch
        smart wach => type=smartwatch
        office chiar => type=office_chair
        tablit for my kid => type=tablet
        air friar => type=air_fryer
        airfryer 6 qt => type=air_fryer; attr=capacity_quarts=6
        blendar for smoothies => type=blender
        printr for home => type=printer
        wifi routr => type=router
        backpak for school => type=backpack
        jakcet for winter => type=jacket
        camra for vlogging => type=camera
        delll laptop => type=laptop; brands=Dell
        appel watch => type=smartwatch; brands=Apple
        sonny headphones => type=headphones; brands=Sony
        logitec mouse => type=mouse; brands=Logitech
        playstaion 5 => type=game_console; brands=Sony; lines=playstation 5
        noise cancelling earbuds => type=headphones; attr=noise_cancelling
        noise canceling headphones under 200 => type=headphones; attr=noise_cancelling; max=200
        waterprof speaker => type=speaker; attr=water_resistant
        refurbised iphone => type=phone; brands=Apple; cond=refurbished

        ## lines
        pixel 9 pro => type=phone; brands=Google; lines=pixel 9 pro
        iphone 16 pro max => type=phone; brands=Apple; lines=iphone 16 pro max
        galaxy s24 => type=phone; brands=Samsung; lines=galaxy s24
        galaxy z flip => type=phone; brands=Samsung; lines=galaxy z flip
        moto g power => type=phone; brands=Motorola; lines=moto g power
        oneplus 12 => type=phone; brands=OnePlus; lines=oneplus 12
        xbox series s => type=game_console; brands=Microsoft; lines=xbox series s
        playstation 5 pro => type=game_console; brands=Sony; lines=playstation 5 pro
        switch lite for my daughter => type=game_console; brands=Nintendo; lines=switch lite
        steam deck oled => type=game_console; brands=Valve; lines=steam deck
        macbook pro 14 => type=laptop; brands=Apple; lines=macbook pro 14
        macbook air => type=laptop; brands=Apple; lines=macbook air
        dell xps 13 => type=laptop; brands=Dell; lines=xps 13
        thinkpad x1 carbon => type=laptop; brands=Lenovo; lines=thinkpad x1 carbon
        surface laptop => type=laptop; brands=Microsoft; lines=surface laptop
        rog zephyrus g14 => type=laptop; brands=ASUS; lines=zephyrus
        ipad air 11 => type=tablet; brands=Apple; lines=ipad air
        ipad mini => type=tablet; brands=Apple; lines=ipad mini
        galaxy tab s9 => type=tablet; brands=Samsung; lines=galaxy tab s9
        fire hd 10 tablet => type=tablet; brands=Amazon; lines=fire hd 10
        airpods max => type=headphones; brands=Apple; lines=airpods max
        bose quietcomfort ultra => type=headphones; brands=Bose; lines=quietcomfort ultra
        galaxy buds3 pro => type=headphones; brands=Samsung; lines=galaxy buds3 pro
        apple watch ultra 2 => type=smartwatch; brands=Apple; lines=watch ultra 2
        garmin forerunner 265 => type=smartwatch; brands=Garmin; lines=forerunner 265
        pixel watch 3 => type=smartwatch; brands=Google; lines=pixel watch 3
        gopro hero12 => type=camera; brands=GoPro; lines=hero12
        sony a7 iv => type=camera; brands=Sony; lines=a7 iv
        canon eos r50 => type=camera; brands=Canon; lines=eos r50
        jbl flip 6 => type=speaker; brands=JBL; lines=flip 6
        sonos era 100 => type=speaker; brands=Sonos; lines=era 100
        dyson v8 => type=vacuum; brands=Dyson; lines=v8
        roomba j7 => type=vacuum; brands=iRobot; lines=roomba j7
        herman miller aeron => type=office_chair; brands=Herman Miller; lines=aeron
        logitech mx master 3s => type=mouse; brands=Logitech; lines=mx master 3s
        keychron q1 max => type=keyboard; brands=Keychron; lines=q1 max
        nike pegasus 41 size 10 => type=shoes; brands=Nike; lines=pegasus 41; attr=size=10
        breville barista express => type=coffee_maker; brands=Breville; lines=barista express
        lg oled c4 65 inch => type=tv; brands=LG; lines=oled evo c4; attr=screen_inches=65
        vitamix 5200 => type=blender; brands=Vitamix; lines=5200

        ## needs
        my back hurts after sitting all day => type=office_chair
        something comfy to sit in while i work => type=office_chair
        internet is slow in the upstairs bedrooms => type=router
        we have dead zones in the house => type=router
        my kid loves to draw => type=tablet
        something for reading ebooks => type=tablet
        i need to make coffee for the whole office => type=coffee_maker
        i want lattes at home => type=coffee_maker
        protein shakes after the gym => type=blender
        something to crush ice for margaritas => type=blender
        i want to listen to music on my commute => type=headphones
        block out noise on flights => type=headphones; attr=noise_cancelling
        music for a pool party => type=speaker
        something to keep warm in the snow => type=jacket
        my cat sheds everywhere => type=vacuum
        crispy fries without a deep fryer => type=air_fryer
        i need to print boarding passes and homework => type=printer
        i type all day and my wrists hurt => type=keyboard
        i want to watch movies in the living room => type=tv
        to play games with my friends online => type=game_console
        take better photos on vacation => type=camera
        i want to start vlogging => type=camera
        track my runs and heart rate => type=smartwatch
        a second monitor for working from home => type=monitor
        an extra screen for my desk => type=monitor
        something to carry my books and laptop to class => type=backpack; nottype=laptop
        a bag for hiking => type=backpack
        shoes for running a marathon => type=shoes; attr=shoe_type=running
        a gift for my mom who likes to read => type=tablet
        something for my 8 year old to play games on => type=game_console

        ## comparison
        iphone 16 vs galaxy s24 => type=phone; brands=Apple, Samsung; compare=iphone 16|galaxy s24
        pixel or iphone => type=phone; brands=Google, Apple; compare=pixel|iphone
        sony vs bose headphones => type=headphones; brands=Sony, Bose; compare=Sony|Bose
        airpods pro vs galaxy buds => type=headphones; brands=Apple, Samsung; compare=airpods pro|galaxy buds
        xbox series x or ps5 => type=game_console; brands=Microsoft, Sony; compare=xbox series x|playstation 5
        switch or steam deck => type=game_console; brands=Nintendo, Valve; compare=switch|steam deck
        macbook air vs surface laptop => type=laptop; brands=Apple, Microsoft; compare=macbook air|surface laptop
        dell or hp laptop, which is better => type=laptop; brands=Dell, HP; compare=Dell|HP
        is the ipad pro worth it over the ipad air => type=tablet; brands=Apple; compare=ipad pro|ipad air
        garmin vs apple watch for running => type=smartwatch; brands=Garmin, Apple; compare=Garmin|Apple
        dyson versus shark => type=vacuum; brands=Dyson, Shark; compare=Dyson|Shark
        keurig or nespresso => type=coffee_maker; brands=Keurig, Nespresso; compare=Keurig|Nespresso
        jbl vs bose speaker => type=speaker; brands=JBL, Bose; compare=JBL|Bose
        canon vs nikon camera => type=camera; brands=Canon, Nikon; compare=Canon|Nikon
        lg or samsung tv => type=tv; brands=LG, Samsung; compare=LG|Samsung
        nike or hoka running shoes => type=shoes; brands=Nike, Hoka; attr=shoe_type=running; compare=Nike|Hoka
        compare the roomba j7 and the eufy robovac => type=vacuum; brands=iRobot, Eufy; compare=roomba|robovac
        logitech vs razer mouse => type=mouse; brands=Logitech, Razer; compare=Logitech|Razer
        patagonia or north face jacket => type=jacket; brands=Patagonia, The North Face; compare=Patagonia|The North Face
        herman miller vs steelcase => type=office_chair; brands=Herman Miller, Steelcase; compare=Herman Miller|Steelcase
        headphones from sony or bose => type=headphones; brands=Sony, Bose

        ## rambling
        so my son is starting high school and he needs a laptop for homework, nothing crazy, maybe under 600, he likes black => type=laptop; max=600; attr=color=black
        ok so long story short my old phone fell in the pool, i want something waterproof this time, under 500 if possible => type=phone; attr=water_resistant; max=500
        my wife and i are redoing the home office and we need two chairs, ideally not more than 300 each, she wants something in black => type=office_chair; max=300; attr=color=black
        i have been running for years in the same pair of shoes and they are falling apart, i need new running shoes, size 10 mens, under 150 => type=shoes; attr=shoe_type=running, size=10, gender=men; max=150
        we finally got a dog and there is hair everywhere, need a vacuum that can handle it, cordless would be great, around 300 => type=vacuum; attr=wireless; min=240; max=360
        honestly i just want a tv for the bedroom, nothing fancy, 43 inch is fine, under 400 => type=tv; attr=screen_inches=43; max=400
        my mom keeps asking me for help with her phone, she needs a tablet with a big screen to watch her shows, around 250 => type=tablet; min=200; max=300
        i just started a youtube channel and my phone camera isnt cutting it anymore, looking for something under 800 => type=camera; max=800; nottype=phone
        for my birthday my friends chipped in and gave me 200 dollars, i want some good wireless earbuds => type=headphones; attr=wireless; max=200
        i am going to japan next month and i need a backpack that is waterproof and can fit a laptop => type=backpack; attr=water_resistant; nottype=laptop
        the kitchen is tiny so i need a small air fryer, maybe 4 quarts, under 100 => type=air_fryer; attr=capacity_quarts=4; max=100
        work is giving me a 1500 budget for a new laptop, i want 32gb of ram and i do video editing => type=laptop; max=1500; attr=ram_gb>=32
        last year i bought a cheap keyboard and the keys already broke so this time i want a mechanical one, wireless, around 100 => type=keyboard; attr=wireless; min=80; max=120
        i love my sony headphones but they are getting old, i want the new version, noise cancelling, under 400 => type=headphones; brands=Sony; attr=noise_cancelling; max=400

        ## prices
        earbuds 30-60 => type=headphones; min=30; max=60
        laptop 800-1200 => type=laptop; min=800; max=1200
        monitor 200 to 300 => type=monitor; min=200; max=300
        phone between 300 and 500 => type=phone; min=300; max=500
        tv under 2k => type=tv; max=2000
        laptop under 1.5k => type=laptop; max=1500
        camera no more than 1000 => type=camera; max=1000
        blender up to 150 => type=blender; max=150
        headphones max 200 => type=headphones; max=200
        speaker less than 50 => type=speaker; max=50
        chair around 250 => type=office_chair; min=200; max=300
        jacket about 150 => type=jacket; min=120; max=180
        vacuum over 300 => type=vacuum; min=300
        phone at least 500 => type=phone; min=500
        cheap tablet => type=tablet; qual=budget
        affordable earbuds => type=headphones; qual=budget
        budget friendly mouse => type=mouse; qual=budget
        high end headphones => type=headphones; qual=premium
        the best camera money can buy => type=camera; qual=premium
        luxury office chair => type=office_chair; qual=premium
        laptop under 1000 euros => type=laptop; max=1000; cur=EUR
        headphones under €150 => type=headphones; max=150; cur=EUR
        tablet below 300 eur => type=tablet; max=300; cur=EUR
        tv under £600 => type=tv; max=600; cur=GBP
        phone under 400 pounds => type=phone; max=400; cur=GBP
        laptop for 700 bucks => type=laptop; max=700
        a coffee maker for $50 or less => type=coffee_maker; max=50
        smartwatch 200 max => type=smartwatch; max=200
        router under 100 dollars => type=router; max=100
        shoes under 100 => type=shoes; max=100

        ## sizes
        15 inch laptop => type=laptop; attr=screen_inches=15
        14" laptop => type=laptop; attr=screen_inches=14
        65 inch tv => type=tv; attr=screen_inches=65
        tv at least 70 inches => type=tv; attr=screen_inches>=70
        monitor 27 inches or larger => type=monitor; attr=screen_inches>=27
        phone under 6.5 inches => type=phone; attr=screen_inches<=6.5
        air fryer 8 quarts or more => type=air_fryer; attr=capacity_quarts>=8
        an air fryer with at least 5 quart => type=air_fryer; attr=capacity_quarts>=5
        coffee maker at least 10 cups => type=coffee_maker; attr=capacity_cups>=10
        laptop 16gb ram 1tb => type=laptop; attr=ram_gb>=16, storage_gb>=1024
        phone 256gb => type=phone; attr=storage_gb>=256
        tablet with 128gb storage => type=tablet; attr=storage_gb>=128
        headphones with 30 hours battery => type=headphones; attr=battery_hours>=30
        camera with at least 24mp => type=camera; attr=megapixels>=24
        monitor 240hz => type=monitor; attr=refresh_hz>=240
        womens jacket size medium => type=jacket; attr=gender=women, size=M
        shoes size 9 => type=shoes; attr=size=9
        a backpack for a 17 inch laptop => type=backpack; nottype=laptop
        a sleeve that fits a 13 inch macbook => unsupported=sleeve; nottype=laptop
        laptop i can use for 8 hours a day => type=laptop

        ## languages
        busco un portátil por menos de 1000 euros => type=laptop; max=1000; cur=EUR
        auriculares inalámbricos baratos => type=headphones; attr=wireless; qual=budget
        quiero un teléfono sin Samsung => type=phone; not=Samsung
        necesito zapatillas de running talla 42 => type=shoes; attr=shoe_type=running
        una cafetera de menos de 100 dólares => type=coffee_maker; max=100
        aspiradora robot => type=vacuum
        una silla de oficina para mi espalda => type=office_chair
        un televisor de 65 pulgadas, no Sony => type=tv; attr=screen_inches=65; not=Sony
        je voudrais un casque sans fil => type=headphones; attr=wireless
        un aspirateur pas cher => type=vacuum; qual=budget
        un téléphone moins de 500 euros => type=phone; max=500; cur=EUR
        une montre connectée => type=smartwatch
        un ordinateur portable sans Apple => type=laptop; not=Apple
        une chaise de bureau => type=office_chair
        ein Laptop unter 1000 Euro => type=laptop; max=1000; cur=EUR
        kabellose Kopfhörer => type=headphones; attr=wireless
        ein Fernseher, aber nicht von Samsung => type=tv; not=Samsung
        eine Kaffeemaschine bis 200 Euro => type=coffee_maker; max=200; cur=EUR
        ein Handy ohne Apple => type=phone; not=Apple
        billiger Mixer => type=blender; qual=budget
        ein Bürostuhl => type=office_chair
        Rucksack wasserdicht => type=backpack; attr=water_resistant

        ## offtopic
        hey => intent=greeting
        good morning => intent=greeting
        hola => intent=greeting
        bonjour => intent=greeting
        how do i pair my headphones => intent=support
        can i return something i bought => intent=support
        my order hasnt arrived => intent=support
        how long does shipping take => intent=support
        i need to talk to customer service => intent=support
        what is the capital of france => intent=off_topic
        write me a poem => intent=off_topic
        who won the game last night => intent=off_topic
        whats 2 plus 2 => intent=off_topic
        i need a new car => unsupported=car
        looking for a couch => unsupported=couch
        do you have dog food => unsupported=dog food
        i want to buy a bike => unsupported=bike
        thanks => intent=thanks
        thank you so much => intent=thanks

        ## conversation: dialogue
        > headphones under 200 => type=headphones; max=200
        > make it 250 => +max=250
        > the first one => +ref=1; intent=product_question

        ## conversation: dialogue
        > laptop => type=laptop
        < What's your budget?
        > 900 => type=laptop; max=900
        > actually make it 1100 => +max=1100

        ## conversation: dialogue
        > tv 55 inch => type=tv; attr=screen_inches=55
        > tell me more about the second one => +ref=2; intent=product_question
        > thanks, thats all => +intent=thanks

        ## conversation: dialogue
        > coffee maker under 100 => type=coffee_maker; max=100
        > does the third one make espresso? => +ref=3; intent=product_question

        ## conversation: dialogue
        > phone under 500 => type=phone; max=500
        > actually a laptop instead => type=laptop; max=500

        ## conversation: dialogue
        > earbuds under 100 => type=headphones; max=100
        > actually a tv instead => type=tv

        ## conversation: dialogue
        > blender => type=blender
        > cheaper => type=blender; qual=budget
        > thank you! => +intent=thanks

        ## conversation: dialogue
        > monitor under 300 => type=monitor; max=300
        > is the 2nd one good for gaming? => +ref=2; intent=product_question
        > ok what about 27 inch => type=monitor; max=300; attr=screen_inches=27

        ## conversation: dialogue
        > hello => intent=greeting
        > i want a smartwatch => type=smartwatch
        > garmin => +brands=Garmin

        ## conversation: dialogue
        > running shoes => type=shoes; attr=shoe_type=running
        > size 9 womens => +attr=shoe_type=running, size=9, gender=women
        > under 120 => +max=120

        ## conversation: dialogue
        > vacuum => type=vacuum
        > how about the last one => +intent=product_question

        ## conversation: negation
        > laptop under 1000 => type=laptop; max=1000
        > no apple => +not=Apple
        > not dell either => +not=Apple, Dell

        ## conversation: negation
        > sony headphones => type=headphones; brands=Sony
        > actually not sony => type=headphones; not=Sony

        ## conversation: negation
        > tablet => type=tablet
        < What's your budget?
        > no more than 400 => type=tablet; max=400

        ## conversation: prices
        > phone => type=phone
        < What's your budget?
        > 200-400 => type=phone; min=200; max=400

        ## conversation: prices
        > camera under 1000 => type=camera; max=1000
        > more expensive => type=camera; min=1000

        ## conversation: prices
        > headphones => type=headphones
        < What's your budget?
        > around 100 => type=headphones; min=80; max=120

        ## conversation: comparison
        > pixel 9 vs iphone 16 => type=phone; brands=Google, Apple; compare=pixel 9|iphone 16
        > which one has the better camera => +intent=product_question

        ## conversation: comparison
        > laptop under 1200 => type=laptop; max=1200
        > macbook air or dell xps? => type=laptop; max=1200; brands=Apple, Dell; compare=macbook air|xps

        ## conversation: offtopic
        > keyboard => type=keyboard
        > how do i return an item => +intent=support

        ## conversation: offtopic
        > hi => intent=greeting
        > tell me a joke => intent=off_topic

        ## conversation: typos
        > cheep hedphones => type=headphones; qual=budget
        > wireles => +attr=wireless

        ## conversation: languages
        > quiero auriculares => type=headphones
        > inalámbricos, menos de 80 euros => type=headphones; attr=wireless; max=80; cur=EUR

        ## conversation: languages
        > ich suche einen Laptop => type=laptop
        > unter 800 Euro => type=laptop; max=800; cur=EUR

        ## conversation: rambling
        > so my wife wants a new coffee maker for christmas => type=coffee_maker
        > she drinks a lot of espresso, and we dont want to spend more than 300 => type=coffee_maker; max=300

        ## conversation: sizes
        > tv => type=tv
        > 75 inches or bigger => +attr=screen_inches>=75

        ## conversation: needs
        > my wifi keeps dropping in the backyard => type=router
        > under 200 => +max=200
        """;
}
