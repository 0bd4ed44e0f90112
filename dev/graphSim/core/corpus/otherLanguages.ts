/**
 * Non-English text for the share of demo mail written in other languages, so bodies carry accents,
 * other scripts and non-BMP characters as real mailboxes do. Public-domain sources typed out here
 * (nothing is downloaded): Brothers Grimm, Der Froschkönig (1812), opening; the Déclaration des droits
 * de l'homme et du citoyen (1789), articles 1 to 6; Cervantes, Don Quijote (1605), opening; Natsume
 * Sōseki, 吾輩は猫である (1905), opening; the Analects (論語), book 1. Each language also has a few
 * workplace sentences written for this project.
 */
export interface LanguageSource {
  /** BCP 47 tag, for the docs and the corpus summary. */
  language: string;
  text: string;
  /** Scripts without spaces between words are modelled by sentence, not by word. */
  unit: 'word' | 'sentence';
  greeting: string;
  signOff: string;
}

export const otherLanguageSources: readonly LanguageSource[] = [
  {
    language: 'de',
    unit: 'word',
    greeting: 'Hallo',
    signOff: 'Viele Grüße',
    text: `In den alten Zeiten, wo das Wünschen noch geholfen hat, lebte ein König, dessen Töchter waren alle schön, aber die jüngste war so schön, daß die Sonne selber, die doch so vieles gesehen hat, sich verwunderte, sooft sie ihr ins Gesicht schien. Nahe bei dem Schlosse des Königs lag ein großer dunkler Wald, und in dem Walde unter einer alten Linde war ein Brunnen. Wenn nun der Tag recht heiß war, so ging das Königskind hinaus in den Wald und setzte sich an den Rand des kühlen Brunnens, und wenn es Langeweile hatte, so nahm es eine goldene Kugel, warf sie in die Höhe und fing sie wieder; und das war ihr liebstes Spielwerk. Nun trug es sich einmal zu, daß die goldene Kugel der Königstochter nicht in ihr Händchen fiel, das sie in die Höhe gehalten hatte, sondern vorbei auf die Erde schlug und geradezu ins Wasser hineinrollte. Die Königstochter folgte ihr mit den Augen nach, aber die Kugel verschwand, und der Brunnen war tief, so tief, daß man keinen Grund sah. Da fing sie an zu weinen und weinte immer lauter und konnte sich gar nicht trösten.
Vielen Dank für die schnelle Rückmeldung. Ich habe den Entwurf gestern Abend gelesen und finde die Gliederung gut, aber im zweiten Abschnitt fehlen noch die Zahlen aus dem Pilotprojekt. Könnten Sie die Tabelle bis Freitag ergänzen? Die Besprechung am Donnerstag verschieben wir auf nächste Woche, weil das Team in München erst dann wieder im Büro ist. Bei Fragen zur Rechnung wenden Sie sich bitte direkt an die Buchhaltung.`,
  },
  {
    language: 'fr',
    unit: 'word',
    greeting: 'Bonjour',
    signOff: 'Cordialement',
    text: `Les hommes naissent et demeurent libres et égaux en droits. Les distinctions sociales ne peuvent être fondées que sur l'utilité commune. Le but de toute association politique est la conservation des droits naturels et imprescriptibles de l'homme. Ces droits sont la liberté, la propriété, la sûreté, et la résistance à l'oppression. Le principe de toute souveraineté réside essentiellement dans la nation. Nul corps, nul individu ne peut exercer d'autorité qui n'en émane expressément. La liberté consiste à pouvoir faire tout ce qui ne nuit pas à autrui : ainsi, l'exercice des droits naturels de chaque homme n'a de bornes que celles qui assurent aux autres membres de la société la jouissance de ces mêmes droits. Ces bornes ne peuvent être déterminées que par la loi. La loi n'a le droit de défendre que les actions nuisibles à la société. Tout ce qui n'est pas défendu par la loi ne peut être empêché, et nul ne peut être contraint à faire ce qu'elle n'ordonne pas. La loi est l'expression de la volonté générale. Tous les citoyens ont droit de concourir personnellement, ou par leurs représentants, à sa formation. Elle doit être la même pour tous, soit qu'elle protège, soit qu'elle punisse.
Merci pour votre message. Je vous confirme la réunion de jeudi à quatorze heures dans nos bureaux de Montréal. Vous trouverez ci-joint l'ordre du jour ainsi que la dernière version du contrat. N'hésitez pas à me faire part de vos remarques avant la réunion, afin que nous puissions avancer rapidement. Le déjeuner est prévu au café du troisième étage.`,
  },
  {
    language: 'es',
    unit: 'word',
    greeting: 'Hola',
    signOff: 'Un saludo',
    text: `En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo corredor. Una olla de algo más vaca que carnero, salpicón las más noches, duelos y quebrantos los sábados, lentejas los viernes, algún palomino de añadidura los domingos, consumían las tres partes de su hacienda. El resto della concluían sayo de velarte, calzas de velludo para las fiestas con sus pantuflos de lo mismo, y los días de entre semana se honraba con su vellorí de lo más fino. Tenía en su casa una ama que pasaba de los cuarenta, y una sobrina que no llegaba a los veinte, y un mozo de campo y plaza, que así ensillaba el rocín como tomaba la podadera. Frisaba la edad de nuestro hidalgo con los cincuenta años; era de complexión recia, seco de carnes, enjuto de rostro, gran madrugador y amigo de la caza.
Gracias por la información. Te confirmo que el pedido salió ayer del almacén y debería llegar el lunes por la mañana. Si hay algún problema con la entrega, avísame y lo revisamos con el transportista. La factura la enviamos por separado a la dirección de contabilidad. Nos vemos en la reunión del jueves.`,
  },
  {
    language: 'ja',
    unit: 'sentence',
    greeting: 'お疲れ様です。',
    signOff: 'よろしくお願いします。',
    text: `吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。この書生というのは時々我々を捕えて煮て食うという話である。しかしその当時は何という考もなかったから別段恐しいとも思わなかった。ただ彼の掌に載せられてスーと持ち上げられた時何だかフワフワした感じがあったばかりである。
資料をお送りいただきありがとうございます。来週の会議までに内容を確認しておきます。東京オフィスの移転の件は、来月の第二週に最終決定する予定です。ご不明な点があれば、いつでもご連絡ください。`,
  },
  {
    language: 'zh',
    unit: 'sentence',
    greeting: '你好，',
    signOff: '谢谢！',
    text: `學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？其為人也孝弟，而好犯上者，鮮矣。不好犯上，而好作亂者，未之有也。君子務本，本立而道生。巧言令色，鮮矣仁。吾日三省吾身：為人謀而不忠乎？與朋友交而不信乎？傳不習乎？
附件是本季度的销售报告，请查收。下周二的会议改到下午三点，地点不变。如果有任何问题，请随时联系我。新产品的发布时间预计在十月初。`,
  },
];
