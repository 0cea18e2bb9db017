"""Frequent given names (French, English and others met in French local government),
folded; used to tell "Paul Martin" (a person) from "Business France" (an organisation)
and to order "Dupont Jean-Pierre". Compound names are checked part by part."""

from __future__ import annotations

_NAMES = """
aaron abdel abdelkader abdou abdoulaye abel abigail adam adele adeline adrien agathe agnes
ahmed aicha aimee alain alan alban albane albert alex alexandra alexandre alexis alfred ali
alice alicia aline alison alix amandine amaury ambre amelia amelie amina amira amy ana anais
anatole andre andrea andrew andy angela angelique anke anna annabelle anne annie anthony
antoine antonio apolline arielle armand armelle arnaud arnold arthur astrid audrey augustin
aurelie aurelien aurore axel aya baptiste barbara basile bastien beatrice ben benedicte
benjamin benoit berenice bernadette bernard bertrand bettina betty bill blanche blandine bob
boris brenda brendan brian brice brigitte bruno camille capucine carine carl carlos carmen
carol carole caroline cassandre catherine cecile cedric celestin celia celine chantal charles
charlie charline charlotte chiara chloe chris christel christelle christian christiane
christine christophe claire clara clarisse claude claudia claudine clemence clement clotilde
colette coline constance coralie corentin corinne cyprien cyril cyrille damien daniel daniele
danielle daphne david deborah delphine denis denise dennis diane didier diego dimitri dominique
donald dorian dorothee dylan edgar edith edmond edouard edward elena eleonore eliane elias
eliot elisa elisabeth elise elizabeth ella elodie eloi eloise elsa emeline emile emilie emilien
emily emma emmanuel emmanuelle enora enzo eric erwan esteban estelle esther etienne eugene eva
eve evelyne ewan fabien fabienne fabrice fanny fatima fatou fatoumata faustine felix fernand
fiona flavie flora florence florent florian frances francesca francine francis franck francois
francoise frank frederic frederique gabriel gabrielle gael gaelle gaetan gareth gary gaspard
gaston gauthier gautier genevieve geoffrey george georges gerald gerard germain ghislaine
gilbert gildas gilles ginette giovanni gisele giuseppe gordon greg gregoire gregory guilhem
guillaume gustave guy gwen gwenaelle gwendoline hadrien hamid hannah hans harold harry hassan
heather hector helen helena helene heloise henri henry hermine herve hiroshi hubert hugo hugues
ian ibrahim ibrahima ines ingrid irene iris isaac isabelle ivan jack jacqueline jacques jade
james jane janet jasmine jason javier jean jeanne jeannine jeff jennifer jeremie jeremy jerome
jerry jessica jill jim joachim joan joanne jocelyn jocelyne joe joel johan john jonathan jordan
jose joseph josephine josette joshua josiane joyce juan judith judy jules julia julian julie
julien juliette jurgen justine karen karim karima karine karl katarina kate katherine kathleen
keith kelly kenji kenneth kenza kevin khadija killian kim klaus laetitia lara larry laura laure
lauren laurence laurent lea leila leo leon leonie lesley leslie lilian liliane lily lina linda
lionel lisa lise loic lola lorraine lou louis louise luc luca lucas lucia lucie lucien lucienne
lucile lucy ludovic luna lydia lydie madeleine mael maelle magali malik malo mamadou manon
manuel marc marcel marcelle marco margaret margaux margot marguerite maria mariama marianne
marie marin marina marine mario marion marius marjorie mark marlene marthe martial martin
martine mary maryse mathias mathieu mathilde mathis matthew matthieu maud maurice max maxence
maxime megan mehdi melanie melina melissa michael michel michele mickael mila milo mireille
mohamed mohammed mona monique morgan morgane moussa muriel murielle myriam nadia nadine nancy
naomi natacha natalia nathalie nathan nathanael neil nelly nelson nicolas nicole nils nina noa
noah noam noel noemie norbert oceane octave odile olga oliver olivia olivier omar oriane oscar
ousmane ousseynou pablo paloma pam pamela paolo pascal pascale patrice patricia patrick paul
paule paulette pauline pedro peggy perrine peter philippe pia pierre quentin rachel rachid
rafael raoul raphael ray rayan raymond raymonde rebecca regine regis remi renaud rene renee
richard robert robin rodolphe roger roland romain romane romeo ronan rosa rosalie rose roseline
rosine roxane roy ruth ryan sabine sabrina sacha salif salome sam sami samia samir samuel
sandra sandrine sandro sarah sasha scott sean sebastian sebastien serge severine seydou sharon
sibylle simon simone sofia solange solene sonia sophie stanislas stephane stephanie steve
steven stuart susan suzanne sven svetlana sylvain sylvia sylviane sylvie tanguy tania tatiana
ted teddy terry theo theophile therese thibault thibaut thierry thomas tim timothee tiphaine
titouan tom tony trevor tristan ulysse valentin valentine valerie vanessa veronique victoire
victor victoria vincent violaine violette virginie vivien vivienne wei wendy wilfried william
xavier yanis yann yannick yasmina yasmine yoann yohan yolande youssef youssouf yves yvette
yvonne zelie zoe
"""

FIRST_NAMES = frozenset(_NAMES.split())
