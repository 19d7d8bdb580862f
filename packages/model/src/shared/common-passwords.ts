// The commonest passwords (and their stems: 'sunshine' also refuses 'Sunshine2024!'), lower case, from
// the lists every guessing attack starts with (SecLists' most common, breach compilations). Short on
// purpose: it stops the guesses tried first; length (8+) and rate limits do the rest.
const LIST =
  '123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 ' +
  'football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael ' +
  '654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm ' +
  'asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas ' +
  'hockey ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn ' +
  '555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda ' +
  'summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder ' +
  'taylor matrix william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer ' +
  'silver 222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 ' +
  'golfer cookie richard samantha bigdog guitar jackson whatever mickey chicken sparky snoopy maverick ' +
  'phoenix camaro peanut morgan welcome falcon cowboy ferrari samsung andrea smokey steelers joseph ' +
  'mercedes dakota arsenal eagles melissa boomer booboo spider nascar monster tigers yellow xxxxxx ' +
  '123123123 gateway marina diablo bulldog qwer1234 compaq purple banana junior hannah 123654 porsche ' +
  'lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby 0000 miller boston ' +
  'q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333 oliver redsox player nikita ' +
  'knight fender barney midnight please brandy chicago badboy slayer rangers charles angel flower ' +
  'rabbit wizard jasper enter rachel chris steven winner adidas victoria natasha 1q2w3e4r jasmine ' +
  'winter prince marine ghbdtn fishing cocacola casper james 232323 raiders 888888 marlboro gandalf ' +
  'asdfasdf crystal 87654321 12344321 golden 8675309 dolphin qazwsxedc 1q2w3e4r5t zaq12wsx 1qazxsw2 ' +
  'password1 password12 password123 passw0rd p@ssw0rd p@ssword pa55word pa$$word welcome1 welcome123 ' +
  'letmein1 admin admin123 administrator root toor changeme changeme123 default guest user login ' +
  'qwerty123 qwerty1 qwertyui asdfghjkl asdfghjk zxcvbnm1 1234abcd abcd1234 abc12345 abcdefg abcdefgh ' +
  '12341234 11223344 123abc 123456a a123456 iloveyou1 iloveu princess1 sunshine1 football1 baseball1 ' +
  'superman1 monkey1 dragon1 shadow1 master1 michael1 jennifer1 jordan23 liverpool manchester chelsea1 ' +
  'arsenal1 barcelona realmadrid juventus starwars1 pokemon pokemon1 minecraft fortnite roblox naruto ' +
  'charlie1 samsung1 google facebook linkedin twitter instagram youtube yahoo hotmail outlook microsoft ' +
  'apple iphone android windows linux ubuntu office office365 summer2024 summer2025 winter2024 ' +
  'spring2024 autumn2024 fall2024 password2024 password2025 welcome2024 welcome2025 company company123 ' +
  'secret123 letmein123 test123 test1234 testing testing123 demo1234 temp1234 temppass qwerty12345 ' +
  '1234512345 q1w2e3r4t5y6 1qaz2wsx3edc zaq1zaq1 zaq1xsw2 aa123456 aaaa1111 asd123 asdf1234 zxc123 ' +
  'qwe123 qweasdzxc qweasd 1q2w3e 123qweasd 147258369 159357 741852963 789456123 456789 987654321a ' +
  '0123456789 01234567 1234567a 00000000 12121212 11112222 99999999 55555555 66666666 77777777 44444444 ' +
  '22222222 33333333 cheese1 loveme lovely iloveyou2 trustme freedom1 whatever1 nothing blahblah ' +
  'mypassword yourpassword thepassword newpassword oldpassword nopassword passpass password01 unknown ' +
  'anything something everything computer1 internet1 maverick1 mustang1 ferrari1 corvette1 harley1 ' +
  'hockey1 soccer1 tennis1 golf1234 basketball volleyball softball skateboard snowboard surfing ' +
  'fishing1 hunting hunter1 hunter2 killer1 jesus jesus123 jesuschrist christ godbless blessed blessing ' +
  'heaven angel1 angels faith hope grace trinity matrix1 neo123 morpheus zion';

/** The common passwords, lower case. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(' '));
