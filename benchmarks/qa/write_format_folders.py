"""Writes the own-documents folders in formats written by other programs, with their questions:
own_docs252 (.eml, by Python's email package), own_docs253 (.odt, by odfpy), own_docs254 (.epub,
by EbookLib), own_docs255 (.xlsx, by openpyxl), own_docs256 (.pptx, by python-pptx) and own_docs257
(.ods and .odp, by odfpy), and, held out, own_docs_heldout20 (.eml, .xlsx and .pptx) and
own_docs_heldout21 (.odt, .rtf as TextEdit writes it, and .ods). Needs
`pip install odfpy ebooklib openpyxl python-pptx`; not run by the tests or CI, which read the files
it wrote (shipped beside it). Run again, it writes documents with the same text (only their
timestamps differ).
"""
import datetime as dt
import hashlib
import json
import os
from email.message import EmailMessage
from email.utils import format_datetime

QA = os.path.dirname(os.path.abspath(__file__))

def write_qa(name, rows):
    with open(os.path.join(QA, name + ".jsonl"), "w") as f:
        for q, ans, facts, src in rows:  # src: the gold file, or a list of files that each answer
            f.write(json.dumps({"question": q, "answers": [ans], "facts": [facts], "source": src}, ensure_ascii=False) + "\n")

# ---- 252: e-mails about an office move -----------------------------------------------------
def mail(path, sender, to, when, subject, plain, html=None, attachment=None, cc=None):
    m = EmailMessage()
    m["From"] = sender; m["To"] = to
    if cc: m["Cc"] = cc
    m["Date"] = format_datetime(when); m["Subject"] = subject
    m["Message-ID"] = f"<{hashlib.sha1(subject.encode()).hexdigest()[:12]}@larchfield.co.uk>"
    m.set_content(plain)
    if html:
        m.add_alternative(html, subtype="html")
    if attachment:
        name, data, maintype, subtype = attachment
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    with open(path, "wb") as f:
        f.write(bytes(m))

def tz(y, mo, d, h, mi):
    return dt.datetime(y, mo, d, h, mi, tzinfo=dt.timezone.utc)

d = os.path.join(QA, "own_docs252"); os.makedirs(d, exist_ok=True)
announce = """Hi all,

As you know, we are leaving Hollis Street at the end of the year. The new office is on the third floor of Canal Wharf, 14 Mill Lane, Leeds LS1 4DN.

Packing crates will be delivered to each desk on Wednesday 2 December. Please label every crate with your name and desk number using the orange stickers.

The removal company, Pennine Movers, will collect the crates on Friday 4 December from 3 pm. The Hollis Street office closes at 1 pm that day.

Everyone works from home on Monday 7 December while IT sets up the network. The new office opens on Tuesday 8 December at 8 am.

Thanks,
Priya

-- 
Priya Raman
Facilities Manager, Larchfield Associates
0113 496 0720
"""
html = "<html><body>" + "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in announce.split("\n-- \n")[0].split("\n\n")) + \
       "<p>--<br>Priya Raman<br>Facilities Manager, Larchfield Associates</p></body></html>"
mail(os.path.join(d, "office-move.eml"), "Priya Raman <priya.raman@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 11, 9, 9, 14), "Office move to Canal Wharf: key dates", announce, html)
mail(os.path.join(d, "re-parking.eml"), "Priya Raman <priya.raman@larchfield.co.uk>", "Tom Hale <tom.hale@larchfield.co.uk>",
     tz(2026, 11, 12, 16, 2), "Re: Parking at Canal Wharf", """Hi Tom,

There is no staff car park at Canal Wharf, but we have 12 permits for the Mill Lane multi-storey. Permits cost £45 a month and are deducted from your salary; ask me if you want one.

Bike storage for 30 bikes is in the basement, with showers next to it.

Priya

On Thu, 12 Nov 2026 at 14:30, Tom Hale <tom.hale@larchfield.co.uk> wrote:
> Hi Priya,
> Will there be parking at the new office? I drive in from Harrogate most days.
> Tom
""")
mail(os.path.join(d, "it-before-the-move.eml"), "Marcus Bell <it-help@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 11, 24, 11, 40), "IT: what to do before the move", """Hello everyone,

Before the move, unplug your monitor and docking station and put the cables in the crate marked IT. Laptops go home with you; please do not pack them.

The new Wi-Fi network is called LARCH-STAFF, and its password will be shown on the screen in reception.

Desk phones are being retired: from 7 December, calls to your number will ring in Teams.

If something is not working on the 8th, raise a ticket at helpdesk.larchfield.co.uk or call extension 2200.

The attached floor plan shows where each team sits.

Marcus
IT Support
""", attachment=("canal-wharf-floor-plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application", "pdf"))
mail(os.path.join(d, "access-cards.eml"), "Hannah Osei <hr@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 11, 27, 10, 5), "Access cards for Canal Wharf", """Dear colleagues,

Your new access card will be waiting on your desk on 8 December. Please hand in your old Hollis Street key fob at reception by 11 December.

A replacement card costs £10 if you lose yours.

The building is open from 7 am to 8 pm on weekdays. To come in at the weekend, book access with building security at least 24 hours ahead.

Kind regards,
Hannah Osei
HR
""", cc="Priya Raman <priya.raman@larchfield.co.uk>")
mail(os.path.join(d, "fwd-welcome.eml"), "Priya Raman <priya.raman@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 12, 1, 8, 30), "Fwd: Welcome to Canal Wharf", """FYI, see below from the building managers.

---------- Forwarded message ---------
From: Canal Wharf Management <hello@canalwharf.co.uk>
Date: Mon, 30 Nov 2026 at 15:12
Subject: Welcome to Canal Wharf
To: Priya Raman <priya.raman@larchfield.co.uk>

Welcome to Canal Wharf! The café on the ground floor gives tenants 15% off when they show their access card. The roof terrace is open from April to September, from 8 am to 6 pm.

Post is delivered to the mail room next to reception by 11 am each weekday.
""")
write_qa("own_docs252", [
    ("What is the address of the new office?", "Canal Wharf, 14 Mill Lane, Leeds LS1 4DN", ["14 Mill Lane"], "office-move.eml"),
    ("Which floor is the new office on?", "the third floor", ["third floor"], "office-move.eml"),
    ("When will the packing crates arrive?", "Wednesday 2 December", ["2 December"], "office-move.eml"),
    ("Who is moving our crates?", "Pennine Movers", ["Pennine Movers"], "office-move.eml"),
    ("What time does the old office close on moving day?", "1 pm", ["1 pm"], "office-move.eml"),
    ("When does the new office open?", "Tuesday 8 December at 8 am", ["8 December", "8 am"], "office-move.eml"),
    ("How much is a parking permit?", "£45 a month", ["£45"], "re-parking.eml"),
    ("How many bikes can be stored?", "30 bikes", ["30 bikes"], "re-parking.eml"),
    ("What is the new Wi-Fi called?", "LARCH-STAFF", ["LARCH-STAFF"], "it-before-the-move.eml"),
    ("Should I pack my laptop?", "Laptops go home with you; please do not pack them", ["do not pack them", "go home with you"], "it-before-the-move.eml"),
    ("What extension do I call for IT help?", "2200", ["2200"], "it-before-the-move.eml"),
    ("Where do I return my old key fob?", "at reception", ["reception"], "access-cards.eml"),
    ("How much does a lost access card cost?", "£10", ["£10"], "access-cards.eml"),
    ("What discount does the café give?", "15% off", ["15%"], "fwd-welcome.eml"),
    ("Who sent the email about the office move?", "Priya Raman", ["Priya Raman"], "office-move.eml"),
    ("What file was attached to the IT email?", "canal-wharf-floor-plan.pdf", ["floor-plan.pdf", "floor plan"], "it-before-the-move.eml"),
])

# ---- 253: an allotment society's handbook (.odt) -------------------------------------------
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, P, List, ListItem, Span
from odf.table import Table, TableColumn, TableRow, TableCell
from odf import dc

doc = OpenDocumentText()
bold = Style(name="Bold", family="text"); bold.addElement(TextProperties(fontweight="bold"))
doc.automaticstyles.addElement(bold)
doc.meta.addElement(dc.Title(text="Bramble Lane Allotment Society: Plot Holders' Handbook 2027"))
def h(text, level=1): doc.text.addElement(H(outlinelevel=level, text=text))
def p(text): doc.text.addElement(P(text=text))
def bullets(items):
    l = List()
    for it in items:
        li = ListItem(); li.addElement(P(text=it)); l.addElement(li)
    doc.text.addElement(l)
def table(rows):
    t = Table(name="Fees")
    t.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
    for r in rows:
        tr = TableRow()
        for c in r:
            tc = TableCell(); tc.addElement(P(text=c)); tr.addElement(tc)
        t.addElement(tr)
    doc.text.addElement(t)
h("Plot Holders' Handbook 2027")
p("Welcome to Bramble Lane. This handbook sets out the rules every plot holder agrees to when they take on a plot. Please keep it somewhere handy.")
h("Rents and fees")
table([["Plot", "Annual rent"], ["Full plot (250 m²)", "£62"], ["Half plot (125 m²)", "£34"], ["Raised bed", "£18"], ["Water charge, per plot", "£9"]])
p("Rent is due on 1 October each year. Plots whose rent is still unpaid on 31 October may be offered to the next person on the waiting list.")
h("Looking after your plot")
p("At least 75% of your plot must be cultivated during the growing season. The committee inspects plots in May, July and September, and writes to holders whose plots are neglected.")
para = P(text="Bonfires are allowed only between 1 November and 28 February, and ")
para.addElement(Span(stylename=bold, text="never on Sundays"))
para.addText(".")
doc.text.addElement(para)
h("What is not allowed", 2)
bullets(["Carpet or underlay used to suppress weeds", "Hosepipes connected to the water troughs (please use watering cans)",
         "Trees that grow taller than 2.5 metres", "Livestock, apart from hens and bees"])
h("Hens and bees", 2)
p("You may keep up to six hens on a full plot, but no cockerels. Beehives need the committee's written permission and must be at least 10 metres from the nearest path.")
h("Sheds and structures", 2)
p("Sheds may be up to 1.8 m by 2.4 m and must be approved by the committee before you build them. Greenhouses must be glazed with polycarbonate, not glass.")
h("Water")
p("The water troughs are turned on from 1 April to 31 October. In a hosepipe ban, troughs may only be used to fill watering cans.")
h("Site access")
p("The gate code changes every January; the new code is sent to members by email. Please lock the gate behind you, even during the day.")
h("Waiting list and contacts")
p("The waiting list has about 40 names, and the typical wait for a half plot is 18 months. To join it, write to the secretary, Helen Morris, at secretary@bramblelane.org.uk.")
d = os.path.join(QA, "own_docs253"); os.makedirs(d, exist_ok=True)
doc.save(os.path.join(d, "handbook-2027.odt"))
write_qa("own_docs253", [
    ("How much is the rent for a half plot?", "£34", ["£34"], "handbook-2027.odt"),
    ("When is the rent due?", "1 October each year", ["1 October"], "handbook-2027.odt"),
    ("What happens if I don't pay my rent by the end of October?", "may be offered to the next person on the waiting list", ["offered to the next person"], "handbook-2027.odt"),
    ("How much of my plot do I have to cultivate?", "At least 75%", ["75%"], "handbook-2027.odt"),
    ("When can I have a bonfire?", "between 1 November and 28 February", ["1 November and 28 February"], "handbook-2027.odt"),
    ("Can I keep chickens?", "up to six hens, but no cockerels", ["six hens"], "handbook-2027.odt"),
    ("How big can my shed be?", "1.8 m by 2.4 m", ["1.8 m by 2.4 m"], "handbook-2027.odt"),
    ("When is the water turned on?", "from 1 April to 31 October", ["1 April"], "handbook-2027.odt"),
    ("Can I use a hosepipe?", "Hosepipes connected to the water troughs are not allowed", ["Hosepipes connected to the water troughs", "only be used to fill watering cans"], "handbook-2027.odt"),
    ("How long is the wait for a plot?", "18 months", ["18 months"], "handbook-2027.odt"),
    ("Who is the secretary?", "Helen Morris", ["Helen Morris"], "handbook-2027.odt"),
    ("How do I find out the gate code?", "sent to members by email", ["by email"], "handbook-2027.odt"),
])

# ---- 254: an e-bike owner's manual (.epub) -----------------------------------------------------
from ebooklib import epub
book = epub.EpubBook()
book.set_identifier("velora-city-2-manual-en"); book.set_title("Velora City 2 Owner's Manual"); book.set_language("en")
book.add_author("Velora Bikes")
chapters = [
 ("Getting started", """<h1>1. Getting started</h1>
<p>Thank you for choosing the Velora City 2. Read this manual before your first ride.</p>
<p>The Velora City 2 has a 36 V, 418 Wh battery in the down tube. Before your first ride, charge the battery fully; this takes about 5 hours with the supplied 2 A charger.</p>
<p>The motor assists you up to 25 km/h, the legal limit for e-bikes in the EU. Above that speed you ride without assistance.</p>"""),
 ("Charging", """<h1>2. Charging the battery</h1>
<p>Charge the battery at room temperature, between 10 °C and 30 °C. You can charge it on or off the bike.</p>
<p>To remove the battery, turn the key anticlockwise and lift the battery out of the frame.</p>
<p>If you will not ride for more than a month, store the battery at about 60% charge and top it up every three months.</p>
<p>A full charge gives a range of 50 to 90 km, depending on the assist mode, the terrain and the rider's weight.</p>"""),
 ("Riding modes", """<h1>3. Riding modes</h1>
<p>Press the plus and minus buttons on the left handlebar to change the assist mode.</p>
<table><tr><th>Mode</th><th>Assist</th><th>Typical range</th></tr>
<tr><td>Eco</td><td>50%</td><td>90 km</td></tr><tr><td>Tour</td><td>100%</td><td>70 km</td></tr><tr><td>Boost</td><td>200%</td><td>50 km</td></tr></table>
<p>Hold the minus button for 2 seconds to switch on walk assist, which pushes the bike along at up to 6 km/h.</p>
<p>Press the light button to turn the lights on; they run from the main battery.</p>"""),
 ("Maintenance", """<h1>4. Care and maintenance</h1>
<ul><li>Check the tyre pressure weekly; the recommended pressure is 3.5 to 4.5 bar.</li>
<li>Lubricate the chain every 300 km, and more often in wet weather.</li>
<li>Do not clean the bike with a pressure washer: water forced into the motor or the battery contacts can damage them.</li></ul>
<p>The first service is due after 200 km, when new brake and gear cables have stretched. After that, have the bike serviced once a year.</p>"""),
 ("Warranty", """<h1>5. Warranty</h1>
<p>The frame is guaranteed for 10 years, and the motor and battery for 2 years.</p>
<p>The battery warranty covers a loss of capacity to below 70% within those 2 years.</p>
<p>Register your bike at velora.bike/register within 30 days of purchase to activate the warranty.</p>"""),
 ("Error codes", """<h1>6. Error codes</h1>
<dl><dt>E01</dt><dd>Battery overheated. Stop and let it cool down.</dd>
<dt>E07</dt><dd>Speed sensor not detected. Check the magnet on the rear wheel spokes.</dd>
<dt>E12</dt><dd>Motor communication fault. Contact your dealer.</dd></dl>"""),
]
items = []
for i, (title, body) in enumerate(chapters, 1):
    c = epub.EpubHtml(title=title, file_name=f"chapter{i}.xhtml", lang="en")
    c.content = body
    book.add_item(c); items.append(c)
book.toc = items
book.add_item(epub.EpubNcx()); book.add_item(epub.EpubNav())
book.spine = ["nav"] + items
d = os.path.join(QA, "own_docs254"); os.makedirs(d, exist_ok=True)
epub.write_epub(os.path.join(d, "velora-city-2-manual.epub"), book)
write_qa("own_docs254", [
    ("How long does it take to charge the battery?", "about 5 hours", ["5 hours"], "velora-city-2-manual.epub"),
    ("What is the top speed with assistance?", "25 km/h", ["25 km/h"], "velora-city-2-manual.epub"),
    ("How far can I ride on one charge?", "50 to 90 km", ["50 to 90 km"], "velora-city-2-manual.epub"),
    ("How do I take the battery out?", "turn the key anticlockwise and lift the battery out", ["turn the key anticlockwise"], "velora-city-2-manual.epub"),
    ("What tyre pressure should I use?", "3.5 to 4.5 bar", ["3.5 to 4.5 bar"], "velora-city-2-manual.epub"),
    ("When is the first service?", "after 200 km", ["200 km"], "velora-city-2-manual.epub"),
    ("Can I clean it with a pressure washer?", "Do not clean the bike with a pressure washer", ["Do not clean the bike with a pressure washer"], "velora-city-2-manual.epub"),
    ("How long is the frame guaranteed?", "10 years", ["10 years"], "velora-city-2-manual.epub"),
    ("What does error E07 mean?", "Speed sensor not detected", ["Speed sensor not detected"], "velora-city-2-manual.epub"),
    ("How do I turn on walk assist?", "Hold the minus button for 2 seconds", ["minus button for 2 seconds"], "velora-city-2-manual.epub"),
    ("How much charge should I store the battery at?", "about 60% charge", ["60%"], "velora-city-2-manual.epub"),
    ("What is the range in Eco mode?", "90 km", ["90 km"], "velora-city-2-manual.epub"),
    ("How often should I oil the chain?", "every 300 km", ["300 km"], "velora-city-2-manual.epub"),
    ("What battery capacity does it have?", "418 Wh", ["418 Wh"], "velora-city-2-manual.epub"),
])

# ---- 255: a running club's workbook (.xlsx) ------------------------------------------------------
import openpyxl
from openpyxl.styles import Font

wb = openpyxl.Workbook()
races = wb.active
races.title = "Races"
races.append(["Date", "Race", "Distance (km)", "Start", "Entry fee", "Places"])
for day, race, km, start, fee, places in [
        (dt.date(2027, 3, 14), "Riverside 10K", 10, dt.time(9, 30), 12, 300),
        (dt.date(2027, 4, 11), "Hill Fell Race", 16.5, dt.time(10, 0), 15, 150),
        (dt.date(2027, 5, 9), "Canal Half Marathon", 21.1, dt.time(8, 45), 28, 800),
        (dt.date(2027, 6, 27), "Midsummer 5K", 5, dt.time(19, 30), 8, 400),
        (dt.date(2027, 9, 12), "Harvest Trail", 13, dt.time(10, 30), 18, 250)]:
    races.append([day, race, km, start, fee, places])
for row in races.iter_rows(min_row=2):
    row[0].number_format = "dd/mm/yyyy"
    row[3].number_format = "hh:mm"
    row[4].number_format = "£#,##0.00"
for cell in races[1]:
    cell.font = Font(bold=True)
members = wb.create_sheet("Membership")
members.append(["Membership", "Annual fee", "Race entry discount", "Includes"])
for kind, fee, discount, includes in [
        ("Adult", 45, 0.1, "England Athletics affiliation"), ("Student", 25, 0.1, "England Athletics affiliation"),
        ("Junior (under 18)", 15, 0.5, "Coached sessions on Tuesdays"),
        ("Family", 90, 0.1, "Two adults and up to three juniors"), ("Second-claim", 20, 0, "Club races only")]:
    members.append([kind, fee, discount, includes])
for row in members.iter_rows(min_row=2):
    row[1].number_format = "£#,##0.00"
    row[2].number_format = "0%"
sessions = wb.create_sheet("Sessions")
sessions.append(["Day", "Session", "Meet at", "Time", "Coach"])
for row in [("Tuesday", "Intervals", "Track, Lea Park", dt.time(18, 45), "Sam Okoro"),
            ("Thursday", "Steady run", "Clubhouse", dt.time(19, 0), "Ruth Evans"),
            ("Saturday", "Parkrun", "Lea Park gates", dt.time(9, 0), "No coach"),
            ("Sunday", "Long run", "Clubhouse", dt.time(8, 30), "Dev Patel")]:
    sessions.append(list(row))
for row in sessions.iter_rows(min_row=2):
    row[3].number_format = "hh:mm"
admin = wb.create_sheet("Admin")
admin.append(["Setting", "Value"])
admin.append(["Treasurer PIN", 4471])
admin.sheet_state = "hidden"
wb.properties.title = "Lea Valley Runners: races, membership and sessions 2027"
d = os.path.join(QA, "own_docs255"); os.makedirs(d, exist_ok=True)
wb.save(os.path.join(d, "club-2027.xlsx"))
write_qa("own_docs255", [
    ("When is the Canal Half Marathon?", "9 May 2027", ["9 May 2027"], "club-2027.xlsx"),
    ("How much does it cost to enter the Riverside 10K?", "£12.00", ["£12"], "club-2027.xlsx"),
    ("What time does the Midsummer 5K start?", "19:30", ["19:30"], "club-2027.xlsx"),
    ("How long is the Hill Fell Race?", "16.5 km", ["16.5"], "club-2027.xlsx"),
    ("How many places are there in the half marathon?", "800", ["800"], "club-2027.xlsx"),
    ("How much is adult membership?", "£45.00", ["£45"], "club-2027.xlsx"),
    ("What is the family membership fee?", "£90.00", ["£90"], "club-2027.xlsx"),
    ("What discount do juniors get on race entries?", "50%", ["50%"], "club-2027.xlsx"),
    ("What does family membership include?", "Two adults and up to three juniors", ["up to three juniors"], "club-2027.xlsx"),
    ("Where do we meet on Thursdays?", "Clubhouse", ["Clubhouse"], "club-2027.xlsx"),
    ("Who coaches the Tuesday session?", "Sam Okoro", ["Sam Okoro"], "club-2027.xlsx"),
    ("What time is the Sunday long run?", "08:30", ["08:30"], "club-2027.xlsx"),
    ("Which race is in September?", "Harvest Trail", ["Harvest Trail"], "club-2027.xlsx"),
    ("How much is student membership?", "£25.00", ["£25"], "club-2027.xlsx"),
])

# ---- 256: a team's induction slides (.pptx) ------------------------------------------------------
from pptx import Presentation
from pptx.util import Inches

deck = Presentation()
title_slide = deck.slides.add_slide(deck.slide_layouts[0])
title_slide.shapes.title.text = "Welcome to Brightwater Analytics"
title_slide.placeholders[1].text = "Engineering induction, January 2027"


def bullet_slide(title, bullets, notes=None):
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = title
    frame = slide.placeholders[1].text_frame
    frame.text = bullets[0]
    for bullet in bullets[1:]:
        level = 1 if bullet.startswith("  ") else 0
        paragraph = frame.add_paragraph()
        paragraph.text, paragraph.level = bullet.strip(), level
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


bullet_slide("Your first week", [
    "Monday: collect your laptop from IT on the 2nd floor at 9:30",
    "Tuesday: security training (mandatory, 2 hours)",
    "Wednesday: pair with your buddy on a starter ticket",
    "Friday: demo what you built at the 4 pm show-and-tell"])
bullet_slide("Tools we use", [
    "Code lives in GitLab",
    "  Ask your lead for access to the platform group",
    "Tickets are tracked in Linear",
    "We deploy with Argo CD, twice a week, on Tuesdays and Thursdays",
    "On-call uses PagerDuty; new starters join the rota after three months"],
    notes="Mention that production access needs the security training first.")
bullet_slide("Working hours", [
    "Core hours are 10:00 to 16:00",
    "Remote working: up to three days a week",
    "Book a desk in the Deskbird app before 8 pm the day before"])
slide = deck.slides.add_slide(deck.slide_layouts[5])
slide.shapes.title.text = "Who to ask"
rows = [("Topic", "Contact"), ("Payroll", "Grace Lin (grace.lin@brightwater.io)"), ("Laptops and access", "it@brightwater.io"),
        ("Your buddy", "Named in your welcome email"), ("Expenses", "Expensify, approved by your lead")]
table = slide.shapes.add_table(len(rows), 2, Inches(0.5), Inches(1.5), Inches(9), Inches(3)).table
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        table.cell(r, c).text = text
bullet_slide("Learning budget", [
    "Every engineer has £1,200 a year for courses, books and conferences",
    "Claim it through Expensify within 30 days"],
    notes="Remind them that conference travel counts towards the budget.")
deck.core_properties.title = "Brightwater Analytics: engineering induction"
d = os.path.join(QA, "own_docs256"); os.makedirs(d, exist_ok=True)
deck.save(os.path.join(d, "induction.pptx"))
write_qa("own_docs256", [
    ("Where do I collect my laptop?", "from IT on the 2nd floor", ["2nd floor"], "induction.pptx"),
    ("When is the security training?", "Tuesday", ["Tuesday: security training"], "induction.pptx"),
    ("What are the core hours?", "10:00 to 16:00", ["10:00 to 16:00"], "induction.pptx"),
    ("How many days a week can I work from home?", "up to three days a week", ["three days a week"], "induction.pptx"),
    ("Where is our code hosted?", "GitLab", ["GitLab"], "induction.pptx"),
    ("When do we deploy?", "twice a week, on Tuesdays and Thursdays", ["Tuesdays and Thursdays"], "induction.pptx"),
    ("When do new starters join the on-call rota?", "after three months", ["after three months"], "induction.pptx"),
    ("Who do I ask about payroll?", "Grace Lin", ["Grace Lin"], "induction.pptx"),
    ("How much is the learning budget?", "£1,200 a year", ["£1,200"], "induction.pptx"),
    ("How do I book a desk?", "in the Deskbird app before 8 pm the day before", ["Deskbird"], "induction.pptx"),
    ("What do I need before I get production access?", "the security training", ["security training"], "induction.pptx"),
    ("Does conference travel count towards the learning budget?", "conference travel counts towards the budget",
     ["counts towards the budget"], "induction.pptx"),
])

# ---- 257: a charity's volunteer rota (.ods) and trustees' slides (.odp), by odfpy, with the display
# text LibreOffice writes in each cell ----------------------------------------------------------------
from odf.opendocument import OpenDocumentPresentation, OpenDocumentSpreadsheet
from odf.draw import Frame, Page, TextBox
from odf.presentation import Notes
from odf.style import MasterPage, PageLayout, TableProperties

sheet_doc = OpenDocumentSpreadsheet()
hidden = Style(name="ta_hidden", family="table")
hidden.addElement(TableProperties(display="false"))
sheet_doc.automaticstyles.addElement(hidden)


def sheet(name, rows, style=None):
    table = Table(name=name, stylename=style) if style else Table(name=name)
    for row in rows:
        tr = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    sheet_doc.spreadsheet.addElement(table)


sheet("Rota", [["Date", "Shift", "Volunteer", "Role"],
               ["05/01/2027", "Morning (9–12)", "Amina Yusuf", "Food bank desk"],
               ["05/01/2027", "Afternoon (13–16)", "Jon Price", "Warehouse"],
               ["12/01/2027", "Morning (9–12)", "Li Wei", "Food bank desk"],
               ["12/01/2027", "Afternoon (13–16)", "Amina Yusuf", "Driver"]])
sheet("Expenses", [["Item", "Limit", "Receipt needed"], ["Mileage", "45p per mile", "No"],
                   ["Parking", "£8.00 a day", "Yes"], ["Lunch on long shifts", "£6.50", "Yes"]])
sheet("Contacts (private)", [["Name", "Phone"], ["Amina Yusuf", "07700 900123"]], style=hidden)
d = os.path.join(QA, "own_docs257"); os.makedirs(d, exist_ok=True)
sheet_doc.save(os.path.join(d, "volunteers.ods"))

slides = OpenDocumentPresentation()
layout = PageLayout(name="PL")
slides.automaticstyles.addElement(layout)
master = MasterPage(name="Default", pagelayoutname=layout)
slides.masterstyles.addElement(master)


def odp_slide(title, bullets=(), notes=None):
    page = Page(masterpagename=master)
    slides.presentation.addElement(page)
    frame = Frame(**{"class": "title"}, width="20cm", height="3cm", x="1cm", y="1cm")
    box = TextBox()
    box.addElement(P(text=title))
    frame.addElement(box)
    page.addElement(frame)
    if bullets:
        frame = Frame(**{"class": "outline"}, width="20cm", height="12cm", x="1cm", y="5cm")
        box = TextBox()
        items = List()
        for bullet in bullets:
            item = ListItem()
            item.addElement(P(text=bullet))
            items.addElement(item)
        box.addElement(items)
        frame.addElement(box)
        page.addElement(frame)
    if notes:
        note = Notes()
        frame = Frame(**{"class": "notes"}, width="16cm", height="10cm", x="2cm", y="14cm")
        box = TextBox()
        box.addElement(P(text=notes))
        frame.addElement(box)
        note.addElement(frame)
        page.addElement(note)


odp_slide("Trustees' meeting, January 2027")
odp_slide("Finances", ["Income in 2026: £84,200", "Spending in 2026: £79,950",
                       "Reserves cover four months of running costs"])
odp_slide("Food bank", ["We gave out 3,112 food parcels in 2026", "The busiest month was December, with 412 parcels",
                        "A second collection point opens at St Anne's church hall in March"],
          notes="The church hall is free of charge for the first year.")
odp_slide("Next steps", ["Recruit two more drivers by April", "Apply to the Lottery Community Fund before 30 April"])
slides.save(os.path.join(d, "trustees-january.odp"))
write_qa("own_docs257", [
    ("Who is on the food bank desk on 12 January?", "Li Wei", ["Li Wei"], "volunteers.ods"),
    ("What is Amina doing on the afternoon of 12 January?", "Driver", ["Amina Yusuf — Driver"], "volunteers.ods"),
    ("How much can I claim for mileage?", "45p per mile", ["45p per mile"], "volunteers.ods"),
    ("Do I need a receipt for parking?", "Yes", ["£8.00 a day — Yes"], "volunteers.ods"),
    ("What's the lunch allowance on long shifts?", "£6.50", ["£6.50"], "volunteers.ods"),
    ("How much income did we have in 2026?", "£84,200", ["£84,200"], "trustees-january.odp"),
    ("How many food parcels were given out last year?", "3,112", ["3,112"], "trustees-january.odp"),
    ("Which month was busiest?", "December", ["December"], "trustees-january.odp"),
    ("Where is the second collection point?", "St Anne's church hall", ["St Anne's church hall"], "trustees-january.odp"),
    ("Does the church hall cost anything?", "free of charge for the first year", ["free of charge"], "trustees-january.odp"),
    ("When is the Lottery application due?", "before 30 April", ["30 April"], "trustees-january.odp"),
    ("How many drivers do we need to recruit?", "two more drivers", ["two more drivers"], "trustees-january.odp"),
])

# ---- own_docs_heldout20: a web agency's project with a bakery, as e-mails, a quote workbook and a
# plan deck; written in the ninth stop of 2026-12-06 after its readers and held out ---------------------
d = os.path.join(QA, "own_docs_heldout20"); os.makedirs(d, exist_ok=True)
mail(os.path.join(d, "kick-off.eml"), "Nadia Flores <nadia@pixelharbour.studio>", "Mark Ellison <mark@greenleafbakery.co.uk>",
     tz(2027, 1, 11, 10, 20), "Kick-off for the Greenleaf Bakery website", """Hi Mark,

Thanks for choosing Pixel Harbour. Our kick-off call is on Thursday 14 January at 2 pm on Google Meet; the link is in the calendar invite.

Please send us your logo files and any photos of the shop by Friday 22 January.

Your project manager is Tomás Reyes, who will send you a short update every Monday.

Best wishes,
Nadia
""")
mail(os.path.join(d, "re-hosting.eml"), "Tomás Reyes <tomas@pixelharbour.studio>", "Mark Ellison <mark@greenleafbakery.co.uk>",
     tz(2027, 1, 20, 15, 45), "Re: Hosting and domain", """Hi Mark,

We will host the site on our managed plan, which includes daily backups kept for 30 days.

The domain greenleafbakery.co.uk stays registered in your name; we only need access to change its DNS records.

Email addresses are not part of the hosting plan, so your current mailboxes are not affected.

Tomás

On Tue, 19 Jan 2027 at 09:02, Mark Ellison <mark@greenleafbakery.co.uk> wrote:
> Where will the site live, and do we lose control of our domain?
""")
mail(os.path.join(d, "invoice.eml"), "Pixel Harbour Accounts <accounts@pixelharbour.studio>",
     "Mark Ellison <mark@greenleafbakery.co.uk>", tz(2027, 1, 15, 9, 0), "Invoice PH-2027-014 (deposit)",
     """Dear Mark,

Please find attached invoice PH-2027-014 for the 40% deposit. Payment is due within 14 days by bank transfer; our sort code and account number are on the invoice.

Kind regards,
Pixel Harbour Accounts
""", attachment=("PH-2027-014.pdf", b"%PDF-1.4\n%%EOF\n", "application", "pdf"))

quote = openpyxl.Workbook()
items = quote.active
items.title = "Quote"
items.append(["Item", "Days", "Day rate", "Cost"])
for item, days, rate in [("Design", 6, 450), ("Development", 10, 450), ("Online shop set-up", 3, 450),
                         ("Content entry", 2, 350)]:
    items.append([item, days, rate, days * rate])
items.append(["Total", None, None, 9250])
for row in items.iter_rows(min_row=2):
    row[2].number_format = row[3].number_format = "£#,##0.00"
monthly = quote.create_sheet("Monthly")
monthly.append(["Service", "Price per month"])
monthly.append(["Managed hosting", 35])
monthly.append(["Support (2 hours)", 120])
for row in monthly.iter_rows(min_row=2):
    row[1].number_format = "£#,##0.00"
terms = quote.create_sheet("Terms")
terms.append(["Term", "Value"])
terms.append(["Quote valid until", dt.date(2027, 2, 28)])
terms.append(["Deposit", 0.4])
terms.append(["Revisions included", "2 rounds of design changes"])
terms["B2"].number_format = "dd/mm/yyyy"
terms["B3"].number_format = "0%"
quote.save(os.path.join(d, "quote.xlsx"))

deck = Presentation()
first = deck.slides.add_slide(deck.slide_layouts[0])
first.shapes.title.text = "Greenleaf Bakery website: project plan"
first.placeholders[1].text = "Pixel Harbour, January 2027"
bullet_slide("Timeline", ["Design: 25 January to 5 February", "Development: 8 February to 5 March",
                          "Testing: the week of 8 March", "Launch: Monday 15 March 2027"],
             notes="If design sign-off is late, the launch date moves by the same number of days.")
bullet_slide("What we need from you", ["Logo files and shop photos", "Opening hours and prices for the product pages",
                                       "Sign-off on the design within 5 working days"])
slide = deck.slides.add_slide(deck.slide_layouts[5])
slide.shapes.title.text = "After launch"
rows = [("Topic", "Detail"), ("Training", "A one-hour session on editing pages"),
        ("Warranty", "Bugs fixed free of charge for 60 days"), ("Analytics", "A monthly report by email")]
table = slide.shapes.add_table(len(rows), 2, Inches(0.5), Inches(1.5), Inches(9), Inches(3)).table
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        table.cell(r, c).text = text
deck.save(os.path.join(d, "project-plan.pptx"))
write_qa("own_docs_heldout20", [
    ("When is the kick-off call?", "Thursday 14 January at 2 pm", ["14 January"], "kick-off.eml"),
    ("Where does the kick-off call happen?", "on Google Meet", ["Google Meet"], "kick-off.eml"),
    ("By when do I need to send the logo files?", "Friday 22 January", ["22 January"], "kick-off.eml"),
    ("Who is our project manager?", "Tomás Reyes", ["Tomás Reyes"], "kick-off.eml"),
    ("How often will we get updates?", "every Monday", ["every Monday"], "kick-off.eml"),
    ("How long are backups kept?", "30 days", ["30 days"], "re-hosting.eml"),
    ("Who owns the domain?", "it stays registered in your name", ["in your name"], "re-hosting.eml"),
    ("Does hosting include email addresses?", "Email addresses are not part of the hosting plan",
     ["not part of the hosting plan"], "re-hosting.eml"),
    ("How much is the deposit?", "40%", ["40%"], ["invoice.eml", "quote.xlsx"]),
    ("When is the invoice due?", "within 14 days", ["14 days"], "invoice.eml"),
    ("What is the invoice number for the deposit?", "PH-2027-014", ["PH-2027-014"], "invoice.eml"),
    ("How much does the development cost?", "£4,500.00", ["£4,500"], "quote.xlsx"),
    ("What is the total of the quote?", "£9,250.00", ["£9,250"], "quote.xlsx"),
    ("How much is managed hosting per month?", "£35.00", ["£35"], "quote.xlsx"),
    ("How long is the quote valid?", "until 28 February 2027", ["28 February 2027"], "quote.xlsx"),
    ("How many rounds of design changes are included?", "2 rounds", ["2 rounds"], "quote.xlsx"),
    ("When does the site launch?", "Monday 15 March 2027", ["15 March"], "project-plan.pptx"),
    ("How long do we have to sign off the design?", "within 5 working days", ["5 working days"], "project-plan.pptx"),
    ("How long are bugs fixed for free?", "60 days", ["60 days"], "project-plan.pptx"),
    ("What happens if we sign off the design late?", "the launch date moves by the same number of days",
     ["launch date moves"], "project-plan.pptx"),
])

# ---- own_docs_heldout21: a museum's volunteer handbook (.odt), a manager's letter (.rtf, as TextEdit
# writes it) and a rota (.ods); written in the ninth stop of 2026-12-06 after their readers and held out --
d = os.path.join(QA, "own_docs_heldout21"); os.makedirs(d, exist_ok=True)
doc = OpenDocumentText()
doc.meta.addElement(dc.Title(text="Millbrook Museum: Volunteer Handbook"))
h("Volunteer Handbook")
p("Thank you for giving your time to Millbrook Museum. This handbook covers what you need to know for your first months.")
h("Your shifts")
p("Shifts are three hours long: mornings run from 10:00 to 13:00 and afternoons from 13:00 to 16:00. Sign up for shifts "
  "on the rota board in the staff room or in the Better Impact app.")
h("Training")
p("Your induction lasts two hours and takes place on the first Saturday of each month. Everyone repeats fire safety "
  "training every year.")
h("Expenses")
p("We pay travel expenses of up to £10 a day. Claim them once a month on the green expenses form.")
h("Perks")
p("Volunteers get 20% off in the museum shop and café, and free entry for two guests on any day.")
h("Dress code")
p("Wear the navy lanyard at all times. Open-toed shoes are not allowed in the stores.")
h("In an emergency")
bullets(["Call 999 if anyone is hurt", "Tell the duty manager on extension 201",
         "Meet at the assembly point by the car park gate"])
doc.save(os.path.join(d, "handbook.odt"))
with open(os.path.join(d, "letter-from-helen.rtf"), "w", encoding="ascii") as f:
    f.write("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 "
            "Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n{\\*\\expandedcolortbl;;}\n\\paperw11900\\paperh16840"
            "\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n\\pard\\tx720\\tx1440\\tx2160\\pardirnatural"
            "\\partightenfactor0\n\n\\f0\\fs24 \\cf0 Dear volunteers,\\\n\\\nThe Textile Gallery reopens on Saturday 17 April "
            "after its refurbishment. We need six extra volunteers for the opening weekend, so please add your name to "
            "the rota if you can help.\\\n\\\nThe volunteers\\'92 summer party is on Friday 9 July at 6 pm in the museum "
            "garden.\\\n\\\nBest wishes,\\\nHelen Croft\\\nVolunteer Manager}")
sheet_doc = OpenDocumentSpreadsheet()
sheet("April", [["Date", "Gallery", "Volunteer"], ["17/04/2027", "Textile Gallery", "Sam Lee"],
                ["17/04/2027", "Main Hall", "Priya Das"], ["18/04/2027", "Textile Gallery", "Omar Haddad"]])
sheet_doc.save(os.path.join(d, "rota.ods"))
write_qa("own_docs_heldout21", [
    ("How long is a volunteer shift?", "three hours", ["three hours"], "handbook.odt"),
    ("When does the afternoon shift start?", "13:00", ["13:00 to 16:00"], "handbook.odt"),
    ("How do I sign up for shifts?", "on the rota board or in the Better Impact app", ["Better Impact", "rota board"],
     "handbook.odt"),
    ("How long is the induction?", "two hours", ["two hours"], "handbook.odt"),
    ("When is the induction held?", "on the first Saturday of each month", ["first Saturday"], "handbook.odt"),
    ("How often is fire safety training?", "every year", ["every year"], "handbook.odt"),
    ("How much travel can I claim?", "up to £10 a day", ["£10 a day"], "handbook.odt"),
    ("How do I claim expenses?", "once a month on the green expenses form", ["green expenses form"], "handbook.odt"),
    ("What discount do volunteers get in the shop?", "20%", ["20%"], "handbook.odt"),
    ("Can I bring guests for free?", "free entry for two guests", ["two guests"], "handbook.odt"),
    ("What should I wear?", "the navy lanyard", ["navy lanyard"], "handbook.odt"),
    ("Can I wear sandals in the stores?", "Open-toed shoes are not allowed in the stores", ["Open-toed shoes"],
     "handbook.odt"),
    ("Who do I tell in an emergency?", "the duty manager on extension 201", ["duty manager"], "handbook.odt"),
    ("Where is the assembly point?", "by the car park gate", ["car park gate"], "handbook.odt"),
    ("When does the Textile Gallery reopen?", "Saturday 17 April", ["17 April"], "letter-from-helen.rtf"),
    ("How many extra volunteers are needed for the opening?", "six", ["six extra volunteers"], "letter-from-helen.rtf"),
    ("When is the summer party?", "Friday 9 July at 6 pm", ["9 July"], "letter-from-helen.rtf"),
    ("Who is the volunteer manager?", "Helen Croft", ["Helen Croft"], "letter-from-helen.rtf"),
    ("Who is working in the Textile Gallery on 18 April?", "Omar Haddad", ["Omar Haddad"], "rota.ods"),
    ("Where is Priya Das on 17 April?", "Main Hall", ["Main Hall"], "rota.ods"),
])
