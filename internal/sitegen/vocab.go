package sitegen

import "strings"

// The vocabulary below is the raw material of every generated guide. Strings
// may contain {a} (species, singular: "cat"), {as} (plural: "cats") and {A}
// (capitalised singular: "Cat"); they are expanded once per species at init,
// so generation itself only appends pre-built strings.
//
// None of the strings contain '[', ']', '(' or ')' outside of the links the
// generator writes itself, so tests can find every link with a simple scan.

var speciesNames = []string{"cat", "dog", "rabbit", "ferret", "parrot"}
var speciesPlural = []string{"cats", "dogs", "rabbits", "ferrets", "parrots"}

var topicNames = []string{"training", "outdoors", "exercise", "equipment", "enrichment", "play", "health", "safety"}

var difficulties = []string{"beginner", "intermediate", "advanced"}

// action is the verb phrase of a title; topic is its main topic (index into
// topicNames), which every guide with this action lists first.
type action struct {
	text  string
	topic int
}

var actions = []action{
	{"leash train your {a}", 0},
	{"fit a harness on your {a}", 3},
	{"get your {a} used to a carrier", 3},
	{"build an enrichment corner for your {a}", 4},
	{"start clicker training with your {a}", 0},
	{"set up safe outdoor time for your {a}", 1},
	{"choose toys for your {a}", 5},
	{"teach your {a} to come when called", 0},
	{"trim your {a}'s nails calmly", 6},
	{"prepare your {a} for a vet visit", 6},
	{"help your {a} settle into a new home", 7},
	{"plan daily exercise for your {a}", 2},
	{"introduce puzzle feeders to your {a}", 4},
	{"keep your {a} busy while you work", 4},
	{"travel by car with your {a}", 7},
	{"make your home safe for your {a}", 7},
	{"teach your {a} to step onto a scale", 6},
	{"groom your {a} without stress", 6},
	{"choose an ID tag for your {a}", 3},
	{"introduce your {a} to a new pet", 0},
	{"build a foraging box for your {a}", 4},
	{"reduce boredom for your indoor {a}", 4},
	{"teach your {a} a settle routine", 0},
	{"check your {a}'s health at home", 6},
	{"rotate toys to keep your {a} curious", 5},
}

var contexts = []string{
	"",
	" in a small flat",
	" after a move",
	" on a budget",
	" in hot weather",
	" through the winter",
	" step by step",
	" with a busy schedule",
	" when it is older",
	" in its first month with you",
	" without stress",
	" in a shared household",
	" with children at home",
	" after an illness",
	" using rewards only",
	" in ten minutes a day",
}

var descriptions = [][2]string{
	{"A step-by-step plan to ", ", with gear advice and enrichment ideas."},
	{"A gentle, reward-based way to ", ", from the first session to a settled routine."},
	{"How to ", " safely, with clear steps, timings and warning signs."},
	{"Everything you need to ", ": preparation, steps, gear and safety."},
	{"A calm routine to ", ", built from short daily sessions."},
}

var sectionThemes = []string{
	"Training basics",
	"Outdoor adventures",
	"Gear and equipment",
	"Enrichment at home",
	"Health and handling",
	"Safety first",
	"Play and exercise",
	"Travel and transport",
	"New arrivals",
	"Older companions",
	"Small spaces",
	"Daily routines",
}

var sectionBlurbs = []string{
	"Guides in this section share one idea: small, rewarded steps add up to big changes.",
	"Each guide lists the gear you need, the steps in order and the signs that tell you to slow down.",
	"Start with the beginner guides and move on once the routine feels easy for both of you.",
	"These plans were written for busy households and take a few minutes a day.",
}

var bodySentences = []string{
	"Every {a} learns at its own pace, so treat the timings in this guide as a rough map rather than a deadline.",
	"Short, calm sessions work better than long ones, and a session that ends on a success is worth more than one that drags on.",
	"Most problems with a new routine come from moving too fast, not from the {a} being stubborn.",
	"Watch your {a}'s body language closely: relaxed posture, normal breathing and curiosity mean you can carry on.",
	"Freezing, a tucked body or trying to hide are signs to slow down and go back a step.",
	"Rewards should be small, frequent and something your {a} genuinely wants.",
	"A predictable routine helps a {a} feel safe, and a {a} that feels safe learns faster.",
	"It is normal to have good days and bad days; progress is rarely a straight line.",
	"Write down what you did in each session so you can spot patterns over a week or two.",
	"If other people in the household help, agree on the same cues and rewards so your {a} is not confused.",
	"Keep the environment quiet for the first sessions and add distractions only once the basics are solid.",
	"A tired, hungry or unwell {a} will not learn well, so pick a time when your {a} is comfortable and alert.",
	"Consistency matters more than duration: five minutes every day beats an hour once a week.",
	"Your vet is the best person to ask if you are unsure whether an activity suits your {a}'s age or health.",
	"*Patience* is the single most useful tool you have, and it costs nothing.",
	"Let your {a} choose to approach new things; being pushed towards them usually makes the fear worse.",
	"Small changes to the home, such as a new hiding place or a raised perch, can make a big difference to how settled a {a} feels.",
	"Enrichment is not a luxury: a {a} without enough to do may become bored, stressed or destructive.",
	"Over a few weeks, the new routine should become an ordinary part of your {a}'s day.",
	"Keep treats to a small share of daily food so that training does not upset a balanced diet.",
	"End each session with something your {a} enjoys, such as play, a favourite treat or quiet time together.",
	"If progress stalls for several days, make the task easier and build back up more slowly.",
	"Many owners find that the routine brings them closer to their {a}, not just the result they were aiming for.",
	"Young {as} and older {as} both benefit, though they may need shorter sessions and more rest.",
	"A {a} that is *allowed* to say no is far more likely to say yes next time.",
	"Think of each session as a conversation: you ask, your {a} answers, and you adjust.",
}

var headings = []string{
	"Why this matters",
	"Before you begin",
	"What progress looks like",
	"Common mistakes",
	"Adapting the plan",
	"Keeping it going",
	"When to get help",
	"Closing words",
}

var bullets = []string{
	"Keep sessions between five and fifteen minutes.",
	"Use small, soft treats that your {a} can eat quickly.",
	"Practise in a quiet room before moving somewhere busier.",
	"Stop before your {a} loses interest.",
	"Note each session's result in a simple diary.",
	"Check gear for wear before every use.",
	"Give your {a} a way to retreat at all times.",
	"Reward calm behaviour, not just the finished task.",
	"Keep fresh water available during and after sessions.",
	"Avoid sessions straight after a big meal.",
	"Introduce *one* new thing at a time.",
	"Ask everyone at home to use the same cue words.",
}

// linkSentences are written as prefix + "[" + title + "](" + target + ")" + suffix.
var linkSentences = [][2]string{
	{"For a related plan, see ", "."},
	{"If your {a} finds this hard, ", " covers a gentler starting point."},
	{"Many of the same ideas appear in ", "."},
	{"Once this feels easy, move on to ", "."},
	{"You can combine this with the routine in ", "."},
	{"The early steps of ", " make a good warm-up."},
}

var stepTitles = []string{
	"Prepare a quiet space",
	"Introduce the new item",
	"Pair it with rewards",
	"Build short sessions",
	"Add gentle handling",
	"Practise the first full attempt",
	"Increase the duration",
	"Add mild distractions",
	"Move to a new room",
	"Try a short outing",
	"Practise the routine daily",
	"Review and adjust",
	"Involve the household",
	"Finish with a calm routine",
	"Make it part of the day",
	"Check comfort and fit",
}

var stepTimes = []string{
	"1-2 days", "2-3 days", "3-5 days", "about a week", "1-2 weeks",
	"a few sessions", "one session", "10 minutes a day",
}

var stepSentences = []string{
	"Place the item where your {a} already rests and let it investigate in its own time.",
	"Reward every calm look, sniff or touch with a small treat, delivered within a second or two so your {a} links the two.",
	"Keep the first sessions *very* short; a minute or two is enough, and three short sessions beat one long one.",
	"Move slowly and speak softly so your {a} can predict what happens next.",
	"If your {a} walks away, let it go and try again later; leaving is information, not failure.",
	"Repeat until your {a} stays relaxed for the whole session, eats treats readily and shows no interest in leaving.",
	"Gradually add a few seconds each time, but only while your {a} stays relaxed.",
	"Practise in the same spot each day so the routine becomes familiar and your {a} knows what to expect.",
	"Introduce one small change at a time, such as a new room or a new sound.",
	"Finish with play or a favourite treat so the session ends on a high note.",
	"Check the fit: you should be able to slide two fingers under any strap.",
	"Let your {a} set the pace; *never* pull, lift or drag to make progress.",
	"Watch for signs of stress, such as a low body, a swishing tail or sudden grooming, and go back a step if you see any.",
	"Once this step feels easy for three sessions in a row, move to the next one.",
	"Invite a calm family member to help, using the same cues and rewards.",
	"Open the door or space gradually and stay close so your {a} feels supported.",
	"Sit on the floor at your {a}'s level, keep your movements slow and let your {a} come to you rather than reaching over it.",
	"If your {a} takes a treat, sniffs or stays nearby, that counts as success; end the session there and try again tomorrow.",
	"Use the same cue word, the same room and the same time of day for now; you will add variety in later steps.",
	"Keep a short note of how long your {a} stayed relaxed, so you can see progress that is too slow to notice day to day.",
}

var tips = []string{
	"Pair every look at the new item with a treat, so the item itself starts to predict good things.",
	"Use a cue word just before each reward so your {a} learns what it means.",
	"Rub the item on your {a}'s bedding first so it smells familiar.",
	"Film a session now and then; stress signs are easier to spot on video.",
	"Keep a few high-value treats for the hardest moments, and use plainer ones for the easy repeats.",
	"Practise just before a meal, when your {a} is keen on food rewards.",
	"Stop while your {a} is still interested and wants more; the next session will start on a better footing.",
	"If you are not sure whether to move on, repeat the step once more; going too slowly costs far less than going too fast.",
	"Keep your voice low and your movements predictable; a calm handler makes a calm {a}.",
}

var warnings = []string{
	"Never leave your {a} unattended while it wears a harness; straps can catch on furniture or be chewed.",
	"Stop at once if your {a} pants, drools heavily or tries to escape.",
	"Do not use food rewards your {a} cannot safely eat, such as chocolate, grapes or onion.",
	"Never tie your {a} to furniture or leave it tethered outside, even for a moment; a frightened animal can be badly hurt.",
	"Keep sessions away from busy roads, loud machinery and unknown animals.",
	"Check the temperature before any outdoor session; heat and cold are both risky.",
}

var beforeYouStart = []string{
	"Your {a} is healthy and up to date with vet checks.",
	"Your vet has cleared your {a} for this kind of activity.",
	"You have a quiet room where sessions will not be interrupted.",
	"You have small treats your {a} likes and can eat quickly.",
	"Everyone at home knows the plan and the cue words you will use.",
	"Your {a} has settled in at home and eats and sleeps normally.",
	"Any gear has been checked for size, wear and sharp edges.",
}

var safetyNotes = []string{
	"Only go outdoors after vaccinations and vet clearance.",
	"Check the weather first and avoid hot pavements and icy ground.",
	"Keep your {a} away from toxic plants, chemicals and small objects it could swallow.",
	"Make sure your {a} is microchipped or wears ID with your current details.",
	"Supervise every session with new gear until you are sure it is safe.",
	"Stop and contact your vet if you notice limping, breathing problems or a sudden change in appetite.",
	"*Never* punish your {a}; fear makes every step harder and can cause injury.",
}

// gearKind describes one gear kind: possible names, advice texts and the
// choose/avoid option pools.
type gearKind struct {
	kind   string
	names  []string
	advice []string
	choose []string
	avoid  []string
}

var gearKinds = []gearKind{
	{"harness",
		[]string{"{A} harness", "Padded walking harness", "Adjustable vest harness"},
		[]string{
			"Choose one made for {as} and sized to your {a}'s chest. Check the fit before every session: snug, but with room for two fingers under each strap.",
			"A good harness spreads pressure across the chest rather than the throat. Let your {a} wear it indoors for short periods before any walk.",
		},
		[]string{"lightweight nylon or cloth", "vest or H-style", "two adjustment points", "reflective trim", "quick-release buckles"},
		[]string{"harnesses made for another species", "narrow straps that dig in", "heavy metal fittings", "anything that rubs behind the legs"}},
	{"leash",
		[]string{"Lightweight leash", "Long training line", "Soft lead"},
		[]string{
			"A light leash lets your {a} move freely without feeling a constant pull. Keep it loose and follow rather than lead.",
			"Clip the leash to the harness, never to a collar, and hold it with a relaxed hand so your {a} never hits the end of it.",
		},
		[]string{"1.5 to 2 metres long", "a light clip", "a soft handle", "a bright colour"},
		[]string{"retractable leashes", "chain leashes", "heavy clips", "leads that tangle easily"}},
	{"collar",
		[]string{"Breakaway collar", "Soft flat collar"},
		[]string{
			"A collar is for ID, not for walking. Pick one that releases under pressure so your {a} cannot get caught.",
			"Fit the collar so two fingers slide underneath, and check it weekly as your {a} grows or changes weight.",
		},
		[]string{"a breakaway buckle", "soft, flat material", "an adjustable length"},
		[]string{"elastic collars", "loud bells", "a tight fit", "collars used to lead or restrain"}},
	{"id-tag",
		[]string{"ID tag", "Engraved tag"},
		[]string{
			"A tag with your phone number is the fastest way home if your {a} slips away. Keep the details current.",
			"Keep the tag light and small so it does not bother your {a}, and back it up with a microchip.",
		},
		[]string{"your phone number", "a light, small tag", "engraving rather than print"},
		[]string{"your home address", "dangling charms", "sharp edges"}},
	{"treats",
		[]string{"Training treats", "Soft food rewards"},
		[]string{
			"Use tiny pieces your {a} can eat in a second, so the session keeps its rhythm. Count them as part of the daily food.",
			"Keep a high-value reward for hard steps and a plainer one for easy repeats. Your {a} decides what counts as high value.",
		},
		[]string{"small, soft pieces", "single-ingredient treats", "treats your {a} eats in one bite"},
		[]string{"sugary snacks", "large hard chews during sessions", "foods that are toxic to {as}"}},
	{"toy",
		[]string{"Wand toy", "Puzzle toy", "Foraging ball"},
		[]string{
			"Toys that let your {a} chase, catch and forage use natural behaviour and tire the mind as well as the body.",
			"Rotate toys every few days so old ones feel new again, and put away anything that starts to break.",
		},
		[]string{"sturdy stitching", "washable material", "toys sized for a {a}"},
		[]string{"small parts that can be swallowed", "loose string left out unsupervised", "toxic paints"}},
	{"carrier",
		[]string{"Travel carrier", "Top-opening carrier"},
		[]string{
			"Leave the carrier out as furniture with soft bedding inside, so your {a} sees it as a resting place, not a warning.",
			"A carrier that opens at the top and the front lets you lift your {a} out gently at the vet.",
		},
		[]string{"a top and a front opening", "good ventilation", "a washable base"},
		[]string{"loose latches", "soft carriers that collapse", "carriers too small to turn around in"}},
	{"other",
		[]string{"Clicker", "Non-slip mat", "Treat pouch"},
		[]string{
			"Small helpers make sessions smoother: a clear marker, a steady surface and treats within reach.",
			"Keep the kit in one place so a session can start in seconds whenever your {a} is in the mood.",
		},
		[]string{"a quiet clicker for sensitive animals", "a washable mat", "a pouch that opens with one hand"},
		[]string{"loud clickers close to the ears", "slippery surfaces", "kit that is hard to clean"}},
}

var enrichmentKinds = []string{"play", "food", "furniture", "training", "outdoors"}

var enrichmentTitles = [][]string{
	{"Wand toy chase", "Hide and seek", "Ball run", "Paper bag den"},
	{"Puzzle feeder", "Scatter feeding", "Snuffle mat", "Foraging box"},
	{"Window perch", "Cardboard hideaway", "Climbing shelves", "Play tunnel"},
	{"Target training", "Trick of the week", "Name game", "Hand touch"},
	{"Secure garden time", "Outdoor enclosure", "Sniff walk", "Fresh air box"},
}

var enrichmentBodies = [][]string{
	{
		"Short bursts of chase and pounce let your {a} use its natural hunting sequence. Finish with a catch and a small treat.",
		"Play a few minutes at a time, several times a day, and let your {a} win often.",
		"Hide a favourite toy in easy places first, then make the search a little harder each day.",
	},
	{
		"Let your {a} work for part of each meal. Start easy, so the food falls out quickly, and make it harder over time.",
		"Spread part of the daily food around a room so your {a} can search for it at its own pace.",
		"Fill a box with paper and hide a few pieces of food inside; shredding is part of the fun.",
	},
	{
		"A raised spot near a window gives your {a} something to watch and somewhere to feel safe.",
		"Boxes, tunnels and shelves turn a plain room into a landscape worth exploring. Move them now and then.",
		"Give your {a} at least one hiding place in every room it uses, so it can always retreat.",
	},
	{
		"Teach one simple behaviour a week with tiny rewards. Training is enrichment when your {a} enjoys it.",
		"Two or three short sessions a day keep your {a}'s mind busy and build trust between you.",
		"Reward your {a} for touching a target with its nose; later the target can guide it onto a scale or into a carrier.",
	},
	{
		"Supervised time outside in a secure space offers new smells, sounds and textures. Start with a few minutes.",
		"Let your {a} explore a fenced or enclosed area under supervision, and bring it in at the first sign of stress.",
		"A short, quiet walk where your {a} decides the route and the pace can tire it more than a long, brisk one.",
	},
}

// gearGeneral is appended to some gear advice.
var gearGeneral = []string{
	"Buy from a shop that lets you return items that do not fit.",
	"Check seams, buckles and clips for wear every week and replace anything damaged.",
	"Introduce new gear indoors first, paired with treats, before using it anywhere new.",
	"Ask your vet or a qualified trainer to check the fit if you are unsure.",
	"Wash fabric gear regularly; a familiar smell helps, but dirt and hair cause rubbing.",
}

var sourceTitles = []string{
	"Understanding {a} body language",
	"Enrichment for indoor {as}",
	"Handling {as} safely and kindly",
	"Choosing equipment for your {a}",
	"Reward-based training for {as}",
	"Keeping {as} healthy at home",
	"Travelling with {as}",
}

var publishers = []string{
	"Companion Animal Welfare Trust",
	"Small Animal Care Society",
	"Veterinary Behaviour Network",
	"Pet Enrichment Project",
	"Animal Care Library",
}

// spVocab is the vocabulary expanded for one species.
type spVocab struct {
	actions, body, bullets, stepSentences, tips, warnings []string
	before, safety, sourceTitles, sourceURLs              []string
	linkPrefix, linkSuffix                                []string
	gearGeneral                                           []string
	gearNames, gearAdvice, gearChoose, gearAvoid          [][]string
	enrichBodies                                          [][]string
}

var vocab [5]spVocab

func init() {
	for s := range speciesNames {
		ex := func(list []string) []string {
			out := make([]string, len(list))
			for i, v := range list {
				out[i] = expand(v, s)
			}
			return out
		}
		v := &vocab[s]
		for _, a := range actions {
			v.actions = append(v.actions, expand(a.text, s))
		}
		v.body = ex(bodySentences)
		v.bullets = ex(bullets)
		v.stepSentences = ex(stepSentences)
		v.tips = ex(tips)
		v.warnings = ex(warnings)
		v.before = ex(beforeYouStart)
		v.safety = ex(safetyNotes)
		v.sourceTitles = ex(sourceTitles)
		for _, t := range v.sourceTitles {
			v.sourceURLs = append(v.sourceURLs, "/"+slug(t))
		}
		for _, ls := range linkSentences {
			v.linkPrefix = append(v.linkPrefix, expand(ls[0], s))
			v.linkSuffix = append(v.linkSuffix, expand(ls[1], s))
		}
		v.gearGeneral = ex(gearGeneral)
		for _, g := range gearKinds {
			v.gearNames = append(v.gearNames, ex(g.names))
			v.gearAdvice = append(v.gearAdvice, ex(g.advice))
			v.gearChoose = append(v.gearChoose, ex(g.choose))
			v.gearAvoid = append(v.gearAvoid, ex(g.avoid))
		}
		for _, b := range enrichmentBodies {
			v.enrichBodies = append(v.enrichBodies, ex(b))
		}
	}
	for _, p := range publishers {
		publisherURLs = append(publisherURLs, "https://example.org/"+slug(p))
	}
}

var publisherURLs []string

func expand(v string, s int) string {
	sp := speciesNames[s]
	return strings.NewReplacer("{as}", speciesPlural[s], "{a}", sp, "{A}", strings.ToUpper(sp[:1])+sp[1:]).Replace(v)
}

// slug lower-cases s and joins its words with '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
